package dev.otasim.stubs.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.otasim.stubs.Errno;
import dev.otasim.stubs.MicroPythonError;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Test fixture: a flash, its clock, and shorthands that read like the probe scripts ({@code
 * write("a.txt", "hello")} is {@code with open('a.txt', 'w') as f: f.write('hello')}).
 */
public final class Device {
  public final AtomicLong clock = new AtomicLong(820_000_000L);
  public final Flash flash;

  private Device(FileSystemKind kind, int blocks) {
    flash =
        kind == FileSystemKind.FAT
            ? Flash.fat(blocks, clock::get)
            : Flash.littleFs(blocks, clock::get);
  }

  /** The probe's LittleFS: 64 blocks of 4096 bytes. */
  public static Device littleFs() {
    return new Device(FileSystemKind.LITTLEFS, 64);
  }

  public static Device littleFs(int blocks) {
    return new Device(FileSystemKind.LITTLEFS, blocks);
  }

  public static Device fat() {
    return new Device(FileSystemKind.FAT, 64);
  }

  /** Opens, writes, closes. */
  public void write(String path, String text) {
    int h = flash.open(path, "w");
    flash.write(h, bytes(text));
    flash.close(h);
  }

  /** Opens {@code 'w'} and closes: an empty file. */
  public void touch(String path) {
    flash.close(flash.open(path, "w"));
  }

  /** {@code open(path).read()}. */
  public String read(String path) {
    int h = flash.open(path, "r");
    try {
      return text(flash.read(h, -1));
    } finally {
      flash.close(h);
    }
  }

  public long size(String path) {
    return flash.stat(path).size();
  }

  public long free() {
    return flash.blocks()[1];
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * Asserts what the board prints on the traceback's last line, e.g. {@code OSError: 39} or {@code
   * OSError: [Errno 2] ENOENT}: the probe's {@code | str:} column with the type in front.
   */
  public static void assertRaises(String line, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(MicroPythonError.class);
    assertThat(Errno.line((MicroPythonError) thrown)).isEqualTo(line);
  }
}
