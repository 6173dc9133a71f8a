package dev.otasim.engine.graalpy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A JVM started as Surefire starts a user's tests (no {@code -XX:TieredStopAtLevel}) keeps C2 off
 * GraalPy's and otasim's classes once the engine exists, and only theirs; a JVM whose tiers its
 * command line chose, or {@code -Dotasim.jit=default}, is left as it is. Each case runs in a JVM of
 * its own (this one's argLine sets the tiers), which prints the JVM's compiler directives.
 */
class InterpreterJitTest {
  /** Run in the child JVM: builds the engine and prints the compiler directives in force. */
  public static void main(String[] args) throws Exception {
    PythonEngine.shared();
    System.out.println(
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "compilerDirectivesPrint",
                new Object[] {null},
                new String[] {String[].class.getName()}));
  }

  private static String directivesIn(String... jvmOptions) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dpolyglotimpl.AttachLibraryFailureAction=ignore");
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(InterpreterJitTest.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void aJvmWithoutTierOptionsKeepsC2OffGraalPyAndOtasimOnly() throws Exception {
    String directives = directivesIn();

    assertThat(directives)
        .contains(
            "matching: dev/otasim/*.*, org/graalvm/*.*, com/oracle/graal/*.*,"
                + " com/oracle/truffle/*.*")
        .containsPattern("c2 directives:\\s+inline: -\\s+Enable:true Exclude:true")
        .contains("Directive: (default)\n matching: *.*");
  }

  @Test
  void tiersChosenOnTheCommandLineOrOtasimJitDefaultAreLeftAlone() throws Exception {
    assertThat(directivesIn()).contains("dev/otasim/*.*");

    assertThat(directivesIn("-XX:TieredStopAtLevel=1")).doesNotContain("dev/otasim");
    assertThat(directivesIn("-Dotasim.jit=default")).doesNotContain("dev/otasim");
  }
}
