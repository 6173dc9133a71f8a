package dev.otasim.device;

import dev.otasim.stubs.MicroPythonApi;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Device code compiled in MicroPython's dialect, marshalled, by source: the ast pass of {@code
 * dialect.py} is the costly part of loading a module, and boots of one JVM load the same files
 * again and again. Bounded, least recently used first out. Public only so GraalPy may call it.
 */
public final class CodeCache {
  static final CodeCache SHARED = new CodeCache(512);

  private final Map<String, String> entries;

  private CodeCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The marshalled code (latin-1) for a key of mode, file name and source, or null. */
  @MicroPythonApi
  public synchronized String get(String key) {
    return entries.get(key);
  }

  @MicroPythonApi
  public synchronized void put(String key, String code) {
    entries.put(key, code);
  }
}
