package dev.otasim.lint;

import dev.otasim.boot.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Host Python packages (runtime/core/src/main/python) made importable in a sandboxed context, which
 * cannot read files: every {@code .py} file under a package is handed to {@code
 * dev/otasim/host/sources.py}, whose import hook serves them by module name.
 */
final class HostSources {
  private HostSources() {}

  private static final Source LOADER =
      Source.newBuilder(
              "python", Resources.text("dev/otasim/host/sources.py"), "dev/otasim/host/sources.py")
          .buildLiteral();

  /**
   * Registers every module of a package found on the class path, such as {@code dev/otasim/lint}.
   */
  static void install(Context context, String packagePath) {
    install(context, classPath(packagePath));
  }

  /** Registers modules given as resource path ({@code dev/otasim/lint/facts.py}) to text. */
  static void install(Context context, Map<String, String> sources) {
    context.eval(LOADER);
    Value register = context.getBindings("python").getMember("register");
    sources.forEach((path, text) -> register.execute(moduleName(path), text, path));
  }

  /** {@code dev/otasim/lint/rules/__init__.py} → {@code dev.otasim.lint.rules.__init__}. */
  static String moduleName(String path) {
    return path.substring(0, path.length() - ".py".length()).replace('/', '.');
  }

  /**
   * Every {@code .py} file under a class-path folder, by resource path, sorted; the folder may be
   * split over several class-path entries (classes, a jar).
   */
  static Map<String, String> classPath(String packagePath) {
    Map<String, String> sources = new TreeMap<>();
    try {
      Enumeration<URL> urls = HostSources.class.getClassLoader().getResources(packagePath);
      while (urls.hasMoreElements()) {
        URI uri = urls.nextElement().toURI();
        Map<String, String> found;
        if (uri.getScheme().equals("jar")) {
          try (FileSystem jar = jarFileSystem(uri)) {
            found = under(jar.getPath("/"), jar.getPath("/" + packagePath));
          }
        } else {
          Path dir = Path.of(uri);
          Path root = dir;
          for (int i = 0; i < Path.of(packagePath).getNameCount(); i++) {
            root = root.getParent();
          }
          found = under(root, dir);
        }
        found.forEach(sources::putIfAbsent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("no host Python under " + packagePath + " on the class path");
    }
    return sources;
  }

  /** Every {@code .py} file under {@code dir}, keyed by its path relative to {@code root}. */
  static Map<String, String> under(Path root, Path dir) throws IOException {
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.getFileName() != null && p.getFileName().toString().endsWith(".py")) {
          String key = root.relativize(p).toString().replace('\\', '/');
          sources.put(key, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        }
      }
    }
    return sources;
  }

  private static FileSystem jarFileSystem(URI uri) throws IOException {
    // jar:file:/…/otasim.jar!/dev/otasim/lint: a file system of our own (opened by path, so not
    // shared with other users of the jar), closed after reading
    String spec = uri.getRawSchemeSpecificPart();
    Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
    return FileSystems.newFileSystem(jar, (ClassLoader) null);
  }
}
