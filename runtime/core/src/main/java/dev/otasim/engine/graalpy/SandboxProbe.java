package dev.otasim.engine.graalpy;

import java.util.function.Supplier;

/**
 * For otasim's own sandbox tests: boots whose device code is handed the host's {@code sys} as the
 * global {@code __host_sys__}, so that the tests can check the second line of defence (the GraalPy
 * context's own denials: files, sockets, threads, processes, Java classes) even though device code
 * has no route of its own to the host's modules any more. Only Java can open it, for boots run on
 * the calling thread while {@code boots} runs; device code cannot.
 */
public final class SandboxProbe {
  private static final ThreadLocal<Boolean> OPEN = ThreadLocal.withInitial(() -> false);

  private SandboxProbe() {}

  /** Runs {@code boots} with the door open on this thread. */
  public static <T> T withHostSys(Supplier<T> boots) {
    OPEN.set(true);
    try {
      return boots.get();
    } finally {
      OPEN.remove();
    }
  }

  static boolean open() {
    return OPEN.get();
  }
}
