package dev.otasim.engine.graalpy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's optimising compiler (C2) off GraalPy's, Truffle's and otasim's own classes in a
 * JVM started without the {@code otasim} script's {@code -XX:TieredStopAtLevel=1}: a user's
 * Surefire JVM. On a stock JDK GraalPy runs interpreted, and C2 spends the first boot compiling its
 * interpreter's huge methods while the boot waits for the cores (the first test's CPU fell by about
 * a third, the later boots were no slower). The JVM's own compiler directives do it at run time
 * ({@code Compiler.directives_add}, as {@code jcmd} would), for those packages only: the user's own
 * code keeps C2. Left alone: a JVM whose tiers were set on its command line, one with Graal as its
 * JIT (JVMCI; there Truffle compiles for itself), and {@code -Dotasim.jit=default}.
 */
final class InterpreterJit {
  private static final String DIRECTIVE =
      """
      [{ match: ["com/oracle/truffle/*.*", "com/oracle/graal/*.*", "org/graalvm/*.*",
                 "dev/otasim/*.*"],
         c2: { Exclude: true } }]
      """;

  /** What the JVM's command line says of its compilers; set there, they are the user's choice. */
  private static final List<String> OWN_CHOICE =
      List.of("-XX:TieredStopAtLevel", "-XX:-TieredCompilation", "-XX:+UseJVMCICompiler");

  private InterpreterJit() {}

  /** Adds the directive once; any failure (no management module, a JVM without it) is ignored. */
  static void apply() {
    if ("default".equals(System.getProperty("otasim.jit"))) {
      return;
    }
    try {
      List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
      if (args.stream().anyMatch(a -> OWN_CHOICE.stream().anyMatch(a::startsWith))
          || "true".equals(vmOption("UseJVMCICompiler"))) {
        return;
      }
      Path file = Files.createTempFile("otasim-jit", ".json");
      try {
        Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "compilerDirectivesAdd",
                new Object[] {new String[] {file.toString()}},
                new String[] {String[].class.getName()});
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException | JMException | RuntimeException | LinkageError e) {
      // a speed-up only: the JVM compiles as it would without it
    }
  }

  private static String vmOption(String name) {
    try {
      return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .getVMOption(name)
          .getValue();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
