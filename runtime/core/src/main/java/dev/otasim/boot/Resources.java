package dev.otasim.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Files packaged on otasim's class path: host Python, shims, fixtures, the reference updater. */
public final class Resources {
  private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

  private Resources() {}

  /**
   * The bytes of a resource.
   *
   * @throws IllegalStateException if it is not packaged
   */
  public static byte[] bytes(String path) {
    try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A UTF-8 resource as text, read once per JVM. */
  public static String text(String path) {
    return TEXTS.computeIfAbsent(path, p -> new String(bytes(p), StandardCharsets.UTF_8));
  }
}
