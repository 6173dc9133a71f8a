package dev.otasim.engine.graalpy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * A host capability the sandbox refused to device code that had dug past its stubs (DESIGN §4).
 * GraalPy reports some refusals not as a Python exception but as an internal error that unwinds the
 * whole context (notes/graalpy-embedding.md §1.1): a thread, a process, the host's working
 * directory; and {@code posix._exit()} exits the context. Such a boot ends like an uncaught
 * exception, with a {@code RuntimeError: sandbox: …} line no real board prints, so nobody mistakes
 * it for a firmware behaviour.
 */
final class SandboxDenial {
  private final String what;
  private final String hostMessage;

  private SandboxDenial(String what, String hostMessage) {
    this.what = what;
    this.hostMessage = hostMessage;
  }

  /** The denial behind {@code e}, or null when {@code e} is anything else (a simulator bug). */
  static SandboxDenial of(PolyglotException e) {
    if (e.isExit()) {
      // posix._exit(), reached through host modules: it ends the context, never the JVM
      return new SandboxDenial("process exit", "_exit(" + e.getExitStatus() + ")");
    }
    if (!e.isInternalError() || e.getMessage() == null) {
      return null;
    }
    String m = e.getMessage();
    if (m.contains("Creating threads is not allowed")) {
      return new SandboxDenial("thread creation", m);
    }
    if (m.contains("Process creation is not allowed")) {
      return new SandboxDenial("process creation", m);
    }
    if (m.startsWith("java.lang.SecurityException")) {
      return new SandboxDenial("host access", m);
    }
    return null;
  }

  /** The last traceback line: {@code RuntimeError: sandbox: thread creation denied}. */
  String exceptionLine() {
    return "RuntimeError: sandbox: " + what + " denied";
  }

  /** The diagnostic note: what was denied, and GraalPy's own words for it. */
  String note() {
    return "sandbox: device code attempted "
        + what
        + ", which otasim denies (DESIGN.md §4); the boot ends with "
        + exceptionLine()
        + " ("
        + hostMessage
        + ")";
  }

  /**
   * A MicroPython-style traceback over the guest frames of {@code e}: the same frames {@code
   * bootstrap.py} prints for an ordinary exception (host frames, named {@code <…>} or read from
   * GraalPy's stdlib, left out).
   */
  String traceback(PolyglotException e) {
    List<String> frames = new ArrayList<>();
    for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
      SourceSection at = f.getSourceLocation();
      // Device code is compiled from flash text, so it has no host path; GraalPy's stdlib has.
      if (!f.isGuestFrame()
          || at == null
          || at.getSource().getName().startsWith("<")
          || at.getSource().getPath() != null) {
        continue;
      }
      frames.add(
          "  File \""
              + at.getSource().getName()
              + "\", line "
              + at.getStartLine()
              + ", in "
              + f.getRootName());
    }
    Collections.reverse(frames);
    StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
    frames.forEach(line -> b.append(line).append('\n'));
    return b.append(exceptionLine()).append('\n').toString();
  }
}
