package dev.otasim.cli;

/** The {@code otasim} command line. The only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(OtaSimCommand.commandLine().execute(args));
  }
}
