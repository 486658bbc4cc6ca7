package org.leadgate.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparing a configured secret with what a caller sent, without leaking either through timing. */
public final class Secrets {
  private Secrets() {}

  /** Whether {@code given} is {@code expected}: their SHA-256 digests compared in constant time, whatever the lengths. */
  public static boolean matches(String expected, String given) {
    return MessageDigest.isEqual(sha256(expected), sha256(given));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
