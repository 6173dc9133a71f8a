package dev.otasim.stubs.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otasim.stubs.flash.Flash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names reach the board as UTF-8 or not at all: under a locale whose encoding cannot hold them
 * ({@code LANG=C}, which JDK 17 does not let {@code -Dsun.jnu.encoding} override) Java reads {@code
 * café.txt} as {@code caf\ufffd\ufffd.txt}, so the fence refuses the name with the fix instead.
 * Each case runs a JVM of its own under the locale it names.
 */
@Timeout(120)
class HostInputNamesTest {
  @TempDir Path host;

  /** Reads a folder through the fence and prints its names, non-ASCII as {@code \\uXXXX}. */
  public static final class Read {
    public static void main(String[] args) {
      try {
        for (String name : HostInput.of("--board", Path.of(args[0])).files().keySet()) {
          System.out.println(ascii(name));
        }
      } catch (HostInput.InputRefused e) {
        System.out.println(ascii(e.getMessage()));
      }
    }

    static String ascii(String s) {
      StringBuilder b = new StringBuilder();
      s.chars().forEach(c -> b.append(c < 128 ? String.valueOf((char) c) : "\\u%04x".formatted(c)));
      return b.toString();
    }
  }

  /** Saves a flash holding {@code /café.txt} into a folder and prints what went wrong. */
  public static final class Save {
    public static void main(String[] args) {
      Flash flash = Flash.littleFs(512, () -> 0);
      flash.put("/caf\u00e9.txt", "latte\n".getBytes(StandardCharsets.UTF_8));
      try {
        flash.save(Path.of(args[0]));
        System.out.println("saved");
      } catch (UncheckedIOException e) {
        System.out.println(Read.ascii(e.getMessage() + ": " + e.getCause().getMessage()));
      }
    }
  }

  private String readUnder(Map<String, String> env, Path board) throws Exception {
    return runUnder(env, Read.class, board);
  }

  private String runUnder(Map<String, String> env, Class<?> main, Path folder) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                folder.toString()));
    pb.environment().remove("LANG");
    pb.environment().remove("LC_CTYPE");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private Path board() throws IOException {
    Path board = Files.createDirectories(host.resolve("board"));
    Files.writeString(board.resolve("caf\u00e9.txt"), "latte\n");
    Files.writeString(board.resolve("main.py"), "print('hi')\n");
    return board;
  }

  @Test
  void underAUtf8LocaleANonAsciiNameReadsAsItIs() throws Exception {
    Path board = board();

    assertThat(readUnder(Map.of("LC_ALL", "C.UTF-8"), board))
        .isEqualTo("caf\\u00e9.txt\nmain.py\n");
  }

  @Test
  void underLangCANonAsciiNameIsRefusedWithTheFixNeverReadAsQuestionMarks() throws Exception {
    Path board = board();

    assertThat(readUnder(Map.of("LC_ALL", "C"), board))
        .isEqualTo(
            "--board "
                + board
                + ": caf\\ufffd\\ufffd.txt has a name this JVM cannot read in its file name"
                + " encoding (ANSI_X3.4-1968); otasim reads names as UTF-8, so run it under a"
                + " UTF-8 locale (LC_ALL=C.UTF-8; the otasim script sets it) or rename the file\n");
  }

  @Test
  void savingANonAsciiNameUnderLangCSaysHowToFixIt() throws Exception {
    Path out = host.resolve("saved");

    assertThat(runUnder(Map.of("LC_ALL", "C"), Save.class, out))
        .isEqualTo(
            "cannot write "
                + out
                + ": "
                + out
                + ": the flash's caf\\u00e9.txt has a name this JVM cannot write in its file name"
                + " encoding (ANSI_X3.4-1968); run otasim under a UTF-8 locale (LC_ALL=C.UTF-8;"
                + " the otasim script sets it)\n");
  }

  @Test
  void savingANonAsciiNameUnderAUtf8LocaleWritesIt() throws Exception {
    Path out = host.resolve("saved");

    assertThat(runUnder(Map.of("LC_ALL", "C.UTF-8"), Save.class, out)).isEqualTo("saved\n");
    assertThat(out.resolve("caf\u00e9.txt")).hasContent("latte");
  }
}
