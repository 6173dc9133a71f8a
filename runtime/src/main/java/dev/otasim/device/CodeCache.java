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
  static final CodeCache SHARED = CodeCacheFile.attach(new CodeCache(512));

  private final Map<String, String> entries;
  private boolean changed;

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
    changed = true;
  }

  /** Puts an entry read from a {@link CodeCacheFile}; not a change to save. */
  synchronized void load(String key, String code) {
    entries.put(key, code);
  }

  synchronized int size() {
    return entries.size();
  }

  /** Whether {@link #put} added anything since the cache was created. */
  synchronized boolean changed() {
    return changed;
  }

  /** A copy of the entries, least recently used first. */
  synchronized Map<String, String> entries() {
    return new LinkedHashMap<>(entries);
  }
}
