package dev.otasim.boot;

import java.io.OutputStream;

/**
 * Someone at the board's serial prompt (the shell): a boot whose {@code main.py} returns or raises
 * then sits at the REPL, as the board does, until they leave it or device code resets.
 */
public interface Prompt {
  /** Whether this boot runs {@code main.py} before the prompt. */
  boolean runsMain();

  /**
   * Called with a Ctrl-C for {@code main.py} as it starts, and with {@code null} when it ends:
   * running it interrupts main.py, which ends with {@code KeyboardInterrupt} before the prompt.
   */
  void mainRunning(Runnable ctrlC);

  /**
   * Drives the prompt on the boot's VM.
   *
   * @param session the boot's engine session, still running
   * @param console the board's serial console
   * @return {@code true} to soft-reset the board, {@code false} to end the boot at the prompt
   */
  boolean atPrompt(BootEngine.Session session, OutputStream console);
}
