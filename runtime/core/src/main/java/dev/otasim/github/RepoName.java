package dev.otasim.github;

import java.util.regex.Pattern;

/**
 * A repository's {@code owner/name} as GitHub allows it: validated once, wherever it comes from (a
 * command-line option, a test, a git remote).
 *
 * @param owner a user or organisation login: letters, digits and single hyphens inside, at most 39
 * @param name letters, digits, {@code .}, {@code -} and {@code _}, at most 100, not {@code .} or
 *     {@code ..}
 */
public record RepoName(String owner, String name) {
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public RepoName {
    if (owner == null
        || name == null
        || !OWNER.matcher(owner).matches()
        || !NAME.matcher(name).matches()
        || name.equals(".")
        || name.equals("..")) {
      throw new IllegalArgumentException(
          "'"
              + owner
              + "/"
              + name
              + "' is not a GitHub repository: give OWNER/NAME, such as me/thermostat (owner:"
              + " letters, digits and single inner hyphens; name: letters, digits, '.', '-' and"
              + " '_', not '.' or '..')");
    }
  }

  /**
   * Parses {@code owner/name}.
   *
   * @throws IllegalArgumentException naming the text and the form GitHub allows
   */
  public static RepoName parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException(
          "no repository given: give OWNER/NAME, such as me/thermostat");
    }
    int slash = text.indexOf('/');
    if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a GitHub repository: give OWNER/NAME, such as me/thermostat");
    }
    return new RepoName(text.substring(0, slash), text.substring(slash + 1));
  }

  /** {@code owner/name}. */
  @Override
  public String toString() {
    return owner + "/" + name;
  }
}
