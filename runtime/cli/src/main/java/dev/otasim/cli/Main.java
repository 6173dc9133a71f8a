package dev.otasim.cli;

import java.util.Arrays;

/** The {@code otasim} command line. The only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // `otasim lint` first asks this user's lint daemon (a warm engine), before loading picocli
    if (args.length > 0 && args[0].equals("lint")) {
      Integer code =
          LintClient.forward(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
      if (code != null) {
        System.exit(code);
      }
    }
    System.exit(OtaSimCommand.commandLine().execute(args));
  }
}
