package org.leadgate.consent.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that links each ledger event to the one before: SHA-256 over the event's stored columns (with the
 * evidence as stored, encrypted) and the previous hash. Any change, deletion or reordering breaks the chain.
 */
final class ChainHash {
  static final String GENESIS = "0".repeat(64);

  private ChainHash() {}

  static String of(long seq, String id, long at, String subjectKey, String channel, String purpose, String action,
      String basis, String actor, String leadId, String evidence, String previousHash) {
    MessageDigest sha256 = sha256();
    for (String part : new String[] {Long.toString(seq), id, Long.toString(at), subjectKey, channel, purpose,
        action, basis, actor, leadId == null ? "" : leadId, evidence, previousHash}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      sha256.update((byte) (bytes.length >>> 24));
      sha256.update((byte) (bytes.length >>> 16));
      sha256.update((byte) (bytes.length >>> 8));
      sha256.update((byte) bytes.length);
      sha256.update(bytes);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
