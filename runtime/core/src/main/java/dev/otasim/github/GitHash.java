package dev.otasim.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Git's object names: the SHA-1 of a typed header and the object's bytes. */
final class GitHash {
  private GitHash() {}

  /** The name git gives {@code bytes} as a blob: {@code sha1("blob " + size + "\0" + bytes)}. */
  static String blob(byte[] bytes) {
    return object("blob", bytes);
  }

  /** The name of an object of {@code type} ("blob", "tree", "commit") holding {@code body}. */
  static String object(String type, byte[] body) {
    MessageDigest sha1 = sha1();
    sha1.update((type + " " + body.length + "\0").getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(sha1.digest(body));
  }

  /** A deterministic SHA-1 for things that are not git objects here, such as commits. */
  static String of(String text) {
    return HexFormat.of().formatHex(sha1().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A positive number in [{@code from}, {@code from + span}) derived from {@code text}. */
  static long number(String text, long from, long span) {
    byte[] digest = sha1().digest(text.getBytes(StandardCharsets.UTF_8));
    long n = 0;
    for (int i = 0; i < 8; i++) {
      n = (n << 8) | (digest[i] & 0xff);
    }
    return from + Math.floorMod(n, span);
  }

  /** The SHA-256 of {@code bytes} in hex, for entity tags. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-1", e);
    }
  }
}
