package org.leadgate.consent.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.leadgate.consent.Subject;

/**
 * Pseudonymous subject keys and per-subject proof keys. The ledger names a subject only by a keyed hash of its
 * address, and encrypts its evidence with the subject's own AES-256-GCM key; destroying that key (crypto-shredding)
 * makes the evidence unreadable while every hash of the chain still verifies.
 */
public final class SubjectKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int IV_BYTES = 12;

  private final byte[] pepper;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  private SubjectKeys(byte[] pepper) {
    this.pepper = pepper;
  }

  /** Loads the installation's pepper, creating it on first use. */
  public static SubjectKeys load(Connection connection) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO ledger_secrets (name, secret) VALUES ('subject-pepper', ?) ON CONFLICT (name) DO NOTHING")) {
      insert.setString(1, Base64.getEncoder().encodeToString(randomBytes(32)));
      insert.executeUpdate();
    }
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT secret FROM ledger_secrets WHERE name = 'subject-pepper'");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return new SubjectKeys(Base64.getDecoder().decode(rows.getString(1)));
    }
  }

  /** The subject's pseudonymous key: HMAC-SHA256 of kind and address under the installation's pepper. */
  public String keyOf(Subject subject) {
    return pseudonym(subject.kind().name(), subject.value());
  }

  /** A keyed hash of some personal value (for example an IP address), to count or match it without keeping it. */
  public String pseudonym(String kind, String value) {
    byte[] digest = macs.get().doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is available on every Java runtime", e);
    }
  }


  /**
   * The subject's proof key; with {@code create}, created if it has none and renewed if it was destroyed;
   * without, empty if it has none or it was destroyed.
   */
  Optional<byte[]> proofKey(Connection connection, String subjectKey, Instant now, boolean create)
      throws SQLException {
    boolean destroyed = false;
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT proof_key FROM subject_keys WHERE subject_key = ?")) {
      select.setString(1, subjectKey);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          String key = rows.getString(1);
          if (key != null || !create) {
            return key == null ? Optional.empty() : Optional.of(Base64.getDecoder().decode(key));
          }
          destroyed = true;
        }
      }
    }
    if (destroyed) {
      // destroyed (retention ended, or erased): what happens from now on (a new sign-up, a withdrawal) gets a
      // new key; evidence sealed under the destroyed key stays unreadable
      return renewedProofKey(connection, subjectKey, now);
    }
    if (!create) {
      return Optional.empty();
    }
    byte[] key = randomBytes(32);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO subject_keys (subject_key, proof_key, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, subjectKey);
      insert.setString(2, Base64.getEncoder().encodeToString(key));
      insert.setLong(3, now.toEpochMilli());
      insert.executeUpdate();
    }
    return Optional.of(key);
  }

  private Optional<byte[]> renewedProofKey(Connection connection, String subjectKey, Instant now)
      throws SQLException {
    byte[] key = randomBytes(32);
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE subject_keys SET proof_key = ? WHERE subject_key = ? AND proof_key IS NULL")) {
      update.setString(1, Base64.getEncoder().encodeToString(key));
      update.setString(2, subjectKey);
      if (update.executeUpdate() == 0) {
        return proofKey(connection, subjectKey, now, true); // renewed meanwhile by another transaction
      }
    }
    return Optional.of(key);
  }

  /** Encrypts personal data under the subject's key (created if needed), so that erasure makes it unreadable. */
  public String seal(Connection connection, String subjectKey, Instant now, byte[] plain) throws SQLException {
    byte[] key = proofKey(connection, subjectKey, now, true)
        .orElseThrow(() -> new IllegalStateException("the subject was erased"));
    return encrypt(key, plain);
  }

  /** Decrypts what {@link #seal} sealed; empty once the subject's key is destroyed. */
  public Optional<byte[]> open(Connection connection, String subjectKey, String sealed) throws SQLException {
    Optional<byte[]> key = proofKey(connection, subjectKey, Instant.EPOCH, false);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decrypt(key.get(), sealed));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** Destroys a subject's proof key: its evidence can no longer be read. */
  static void destroy(Connection connection, String subjectKey) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE subject_keys SET proof_key = NULL WHERE subject_key = ?")) {
      update.setString(1, subjectKey);
      update.executeUpdate();
    }
  }

  static String encrypt(byte[] key, byte[] plain) {
    try {
      byte[] iv = randomBytes(IV_BYTES);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plain);
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed)
          .array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is available on every Java runtime", e);
    }
  }

  static byte[] decrypt(byte[] key, String stored) throws GeneralSecurityException {
    byte[] all = Base64.getDecoder().decode(stored);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, all, 0, IV_BYTES));
    return cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
  }

  static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
