package dev.otasim.stubs.modules.deflate;

import dev.otasim.stubs.MicroPythonApi;
import dev.otasim.stubs.machine.Board;

/**
 * The Java half of {@code deflate} (v1.21+, extmod/moddeflate.c) and {@code uzlib} (up to v1.20,
 * extmod/moduzlib.c): a raw-deflate decoder per stream. The shims parse the zlib and gzip headers
 * and trailers themselves, as uzlib does, and feed the body here in small chunks, so that a large
 * archive never sits in memory whole (spec §11, §14).
 */
public final class DeflateModule {
  public DeflateModule(Board board) {
    // decoding touches nothing of the board: one adapter per boot like every other
  }

  /**
   * A decoder of one raw deflate stream whose output is summed as {@code checksum} asks: 0 none, 1
   * Adler-32 (zlib), 2 CRC-32 (gzip), and whose back-references reach {@code window} bytes, the
   * ring the board allocates; 0 for the whole output, as {@code uzlib.decompress} keeps it.
   */
  @MicroPythonApi
  public Inflation raw(int checksum, int window) {
    return new Inflation(checksum, window);
  }
}
