package dev.otasim.shell;

import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.LocalExecutionControlProvider;

/**
 * Java next to the board's MicroPython: {@code %java} lines and {@code %%java} blocks, evaluated by
 * JShell in this JVM (a local execution engine), with the session's live host objects bound as
 * variables ({@code device}, {@code github}, {@code journal}, {@code flash}) and otasim's packages
 * imported. This is the host side: device code sees none of it (the sandbox, DESIGN §4).
 *
 * <p>Public only for {@link #live}, which the shell's own binding snippets call.
 */
public final class JavaShell implements AutoCloseable {
  private static final Map<Integer, Map<String, Object>> LIVE = new ConcurrentHashMap<>();
  private static final AtomicInteger IDS = new AtomicInteger();

  private static final List<String> IMPORTS =
      List.of(
          "java.util.*",
          "java.time.*",
          "java.nio.file.*",
          "dev.otasim.device.*",
          "dev.otasim.github.*",
          "dev.otasim.assertions.*",
          "dev.otasim.stubs.*",
          "dev.otasim.stubs.flash.*",
          "dev.otasim.stubs.journal.*",
          "dev.otasim.stubs.machine.*",
          "dev.otasim.stubs.net.*",
          "dev.otasim.sweep.*");

  private final int id = IDS.incrementAndGet();
  private final JShell jshell;
  private final PrintStream out;

  /** Whether {@link #eval} runs now, and whether Ctrl-C stopped it. */
  private volatile boolean evaluating;

  private volatile boolean stopped;

  private JavaShell(Map<String, Object> bindings, PrintStream out) {
    this.out = out;
    LIVE.put(id, new LinkedHashMap<>(bindings));
    PrintStream sink;
    try {
      sink = new PrintStream(out, true, "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    this.jshell =
        JShell.builder()
            .executionEngine(new LocalExecutionControlProvider(), Map.of())
            .out(sink)
            .err(sink)
            .build();
    for (String entry : classpath(bindings)) {
      jshell.addToClasspath(entry);
    }
    for (String pkg : IMPORTS) {
      jshell.eval("import " + pkg + ";"); // a package absent from the classpath is no error
    }
    bindings.forEach(
        (name, value) ->
            quietly(
                "var "
                    + name
                    + " = ("
                    + typeName(value)
                    + ") "
                    + JavaShell.class.getName()
                    + ".live("
                    + id
                    + ", \""
                    + name
                    + "\");"));
  }

  /**
   * A Java shell with these live objects bound as variables of their own public type.
   *
   * @param out where results and errors are printed
   */
  static JavaShell create(Map<String, Object> bindings, PrintStream out) {
    return new JavaShell(bindings, out);
  }

  /** The live object bound as {@code name} in shell {@code id}; for the shell's own snippets. */
  public static Object live(int id, String name) {
    return LIVE.getOrDefault(id, Map.of()).get(name);
  }

  /**
   * Evaluates Java source, one or more statements, declarations or expressions; prints each
   * expression's value ({@code name ==> value}) and each error, and keeps going.
   */
  void eval(String source) {
    SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
    String rest = source;
    stopped = false;
    evaluating = true;
    try {
      while (!rest.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
        if (!info.completeness().isComplete()) {
          // an unfinished snippet: evaluated anyway, so that its error is said
          show(rest, jshell.eval(rest));
          break;
        }
        show(info.source(), jshell.eval(info.source()));
        if (stopped) {
          // Ctrl-C ends the whole input, as KeyboardInterrupt ends device code
          out.println("|  Stopped by Ctrl-C");
          break;
        }
        rest = info.remaining();
      }
    } finally {
      evaluating = false;
    }
    out.flush();
  }

  /**
   * The names that complete the Java name at the end of {@code code}, as JShell suggests them
   * ({@code flash()} for {@code device.fl}; a method that takes arguments ends in {@code (}): each
   * replaces the name typed so far. None while Java code runs.
   */
  List<String> complete(String code) {
    if (evaluating) {
      return List.of();
    }
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> suggestions =
        jshell.sourceCodeAnalysis().completionSuggestions(code, code.length(), anchor);
    boolean typed = suggestions.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
    return suggestions.stream()
        .filter(x -> !typed || x.matchesType())
        .map(SourceCodeAnalysis.Suggestion::continuation)
        .distinct()
        .sorted()
        .toList();
  }

  /** Whether Java code runs now. */
  boolean running() {
    return evaluating;
  }

  /**
   * Stops the Java code running now, as Ctrl-C stops device code: JShell's local engine checks for
   * a stop at every loop's back edge, so {@code while (true) {}} ends too; safe from any thread.
   *
   * @return whether anything was running
   */
  boolean stop() {
    if (!evaluating) {
      return false;
    }
    stopped = true;
    jshell.stop();
    return true;
  }

  private void quietly(String source) {
    for (SnippetEvent e : jshell.eval(source)) {
      if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
        throw new IllegalStateException(
            "cannot bind " + source + ": " + diagnostics(e.snippet()), e.exception());
      }
    }
  }

  private void show(String source, List<SnippetEvent> events) {
    for (SnippetEvent e : events) {
      if (e.causeSnippet() != null) {
        continue; // an update of a dependent snippet, not what was typed
      }
      Snippet s = e.snippet();
      if (e.status() == Snippet.Status.REJECTED) {
        out.println("|  Error: " + diagnostics(s));
      } else if (e.exception() != null) {
        Exception x = e.exception();
        String type =
            x instanceof EvalException ee ? ee.getExceptionClassName() : x.getClass().getName();
        out.println("|  Exception " + type + (x.getMessage() == null ? "" : ": " + x.getMessage()));
      } else if (e.value() != null && shows(s)) {
        out.println(name(s) + " ==> " + e.value());
      }
    }
  }

  private static boolean shows(Snippet s) {
    return switch (s.subKind()) {
      case TEMP_VAR_EXPRESSION_SUBKIND,
          VAR_VALUE_SUBKIND,
          ASSIGNMENT_SUBKIND,
          OTHER_EXPRESSION_SUBKIND,
          VAR_DECLARATION_WITH_INITIALIZER_SUBKIND ->
          true;
      default -> false;
    };
  }

  private static String name(Snippet s) {
    return s instanceof jdk.jshell.VarSnippet v
        ? v.name()
        : s instanceof jdk.jshell.ExpressionSnippet x ? x.name() : s.id();
  }

  private String diagnostics(Snippet s) {
    return jshell
        .diagnostics(s)
        .map(d -> d.getMessage(java.util.Locale.ROOT))
        .collect(Collectors.joining("; "));
  }

  /** The bound object's most specific public class, so that its methods can be called. */
  private static String typeName(Object value) {
    if (value == null) {
      return "Object";
    }
    for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
      if (Modifier.isPublic(c.getModifiers()) && c.getCanonicalName() != null) {
        return c.getCanonicalName();
      }
    }
    return "Object";
  }

  /** Where the compiler finds otasim's classes: the class path, and the bound objects' jars. */
  private static Set<String> classpath(Map<String, Object> bindings) {
    Set<String> entries = new TreeSet<>();
    String cp = System.getProperty("java.class.path", "");
    for (String e : cp.split(java.io.File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(e);
      }
    }
    List<Class<?>> classes = new java.util.ArrayList<>();
    classes.add(JavaShell.class);
    bindings.values().forEach(v -> classes.add(v == null ? Object.class : v.getClass()));
    for (Class<?> c : classes) {
      CodeSource src = c.getProtectionDomain().getCodeSource();
      if (src != null && src.getLocation() != null) {
        try {
          entries.add(Path.of(src.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file: the class path has it or nothing does
        }
      }
    }
    return entries;
  }

  @Override
  public void close() {
    LIVE.remove(id);
    jshell.close();
  }
}
