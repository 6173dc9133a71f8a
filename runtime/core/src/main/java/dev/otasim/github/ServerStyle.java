package dev.otasim.github;

/**
 * Which web server an {@link Origin} imitates: the two a server of one's own most often is
 * (spec/github-api.md, "Servers of one's own").
 */
public enum ServerStyle {
  /**
   * {@code python3 -m http.server}: {@code HTTP/1.0}, {@code Server: SimpleHTTP/0.6 Python/3.12.3},
   * {@code Content-type} guessed from the extension, {@code Last-Modified}; {@code Range} ignored;
   * {@code If-Modified-Since} answered 304; a folder without its slash is a 301 to a relative
   * {@code Location}; a folder lists its files unless it has {@code index.html}; other methods than
   * GET and HEAD are 501; the connection closes after each response. The default for {@code
   * http://} origins: what a LAN box in a tutorial runs.
   */
  PYTHON_HTTP_SERVER,
  /**
   * nginx serving a folder: {@code HTTP/1.1}, {@code Server: nginx}, {@code ETag}, {@code
   * Last-Modified}, {@code Accept-Ranges: bytes} and 206 for {@code Range}, 304 for {@code
   * If-None-Match} / {@code If-Modified-Since}, its own 404 page, a 301 to an absolute {@code
   * Location}, 403 for a folder without {@code index.html} (no autoindex), 405 for other methods,
   * keep-alive unless the client sends {@code Connection: close}. The default for {@code https://}
   * origins: what a static host runs.
   */
  NGINX
}
