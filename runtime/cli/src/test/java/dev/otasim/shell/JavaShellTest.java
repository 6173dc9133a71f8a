package dev.otasim.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.device.Device;
import dev.otasim.github.Exchange;
import dev.otasim.scenario.DemoScenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code %java} and {@code %%java}: the host's live objects, scripted from the session. */
class JavaShellTest {
  @Test
  @Timeout(600)
  void aJavaBlockPublishesAReleaseAndInjectsAFaultThatTheNextBootMeets() {
    try (DemoScenario demo = DemoScenario.create()) {
      String input =
          """
          %%java
          github.repository(repo).release("v1.2.0", t -> t.file("main/app.py", "print('v1.2.0')\\n"));
          github.on("GET", "*", "*").fault(new NetworkFault.ResetConnection());
          github.faults().size()

          %java flash.text("/main/.version")
          %java int x = ; x
          %java device.boots().size() > 0
          %reset
          """;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      ReplSession s = ReplSession.create(demo.device(), demo.github(), DemoScenario.REPO);
      assertThat(
              s.run(
                  Input.piped(
                      new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out),
                  out))
          .isZero();
      String transcript = bytes.toString(StandardCharsets.UTF_8);
      assertThat(transcript)
          .contains(">>> %%java\n... github.repository(repo)")
          .contains("\n$")
          .contains(" ==> 1\n")
          .contains(" ==> \"v1.1.0\"\n")
          .contains("|  Error: ")
          .contains(" ==> true\n");
      // the boot after %reset asked for the new release and met the fault
      List<Exchange> faulted =
          demo.github().exchanges().stream().filter(e -> e.fault().isPresent()).toList();
      assertThat(faulted).isNotEmpty();
      assertThat(demo.device().flash().text("/main/.version")).isEqualTo("v1.1.0");
    }
  }

  @Test
  @Timeout(600)
  void ctrlCStopsAnEndlessJavaLoopAndTheSessionGoesOn() {
    String out =
        ReplSessionTest.transcript(
            "%java while (true) {}\n%java 6 * 7\n1+1\n",
            session -> {
              Thread t =
                  new Thread(
                      () -> {
                        // the loop is the session's only running input: stop it once it runs
                        while (!session.running()) {
                          Thread.onSpinWait();
                        }
                        ReplSessionTest.sleep(300);
                        session.interrupt();
                      });
              t.setDaemon(true);
              t.start();
            });

    assertThat(out.substring(out.indexOf(">>> %java")).replaceAll("\\$\\d+ ==>", "\\$N ==>"))
        .isEqualTo(
            """
            >>> %java while (true) {}
            |  Stopped by Ctrl-C
            >>> %java 6 * 7
            $N ==> 42
            >>> 1+1
            2
            >>> \n""");
  }

  @Test
  @Timeout(600)
  void deviceObjectsPrintWhatTheyAreAndTabCompletesTheirMembers() {
    Device device = Device.create();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (JavaShell java =
        JavaShell.create(Map.of("device", device, "flash", device.flash()), out)) {
      assertThat(java.complete("device.fl")).containsExactly("flash()");
      // a method with more than one signature ends in '('
      assertThat(java.complete("device.journal().ev")).containsExactly("events(");
      java.eval("flash");
      java.eval("device");
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("flash ==> Flash(LITTLEFS, 512 blocks of 4096 B, ")
        .contains("device ==> Device(firmware 1.27.0, 0 boots, Flash(LITTLEFS, ")
        .doesNotContain("@");
  }

  @Test
  @Timeout(600)
  void tabAfterPercentJavaCompletesJavaNotPython() {
    AtomicReference<List<String>> java = new AtomicReference<>();
    AtomicReference<List<String>> python = new AtomicReference<>();
    Input tabTwiceThenEnd =
        new Input() {
          private Function<String, List<String>> names;
          private boolean imported;

          @Override
          public String readLine(String prompt) {
            if (!imported) {
              imported = true;
              return "import machine";
            }
            java.set(names.apply("%java device.fl"));
            python.set(names.apply("machine.reset_c"));
            return null;
          }

          @Override
          public boolean interactive() {
            return false;
          }

          @Override
          public void completeWith(Function<String, List<String>> names) {
            this.names = names;
          }
        };
    try (DemoScenario demo = DemoScenario.create()) {
      ReplSession s =
          ReplSession.create(demo.device(), demo.github(), DemoScenario.REPO).setRunMain(false);
      s.run(tabTwiceThenEnd, new PrintStream(new ByteArrayOutputStream(), true));
    }

    assertThat(java.get()).containsExactly("flash()");
    assertThat(python.get()).containsExactly("reset_cause");
  }
}
