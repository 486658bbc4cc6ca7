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
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
  /** Subject keys per lookup query: a power of two, below SQLite's limit of 500 terms in a compound select. */
  private static final int LOOKUP_CHUNK = 128;

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

  /** The subject's proof key; empty if it has none or it was destroyed. */
  Optional<byte[]> proofKey(Connection connection, String subjectKey) throws SQLException {
    return stored(connection, List.of(subjectKey)).getOrDefault(subjectKey, Optional.empty());
  }

  /**
   * The subjects' proof keys, looked up together: a subject without one gets a new key (created at the subject's
   * instant in {@code subjects}); one whose key was destroyed gets a new key too.
   */
  Map<String, byte[]> proofKeys(Connection connection, Map<String, Instant> subjects) throws SQLException {
    Map<String, Optional<byte[]>> stored = stored(connection, subjects.keySet());
    Map<String, byte[]> keys = new HashMap<>();
    Map<String, byte[]> created = new HashMap<>();
    for (Map.Entry<String, Instant> subject : subjects.entrySet()) {
      Optional<byte[]> existing = stored.get(subject.getKey());
      if (existing == null) {
        created.put(subject.getKey(), randomBytes(32));
      } else if (existing.isPresent()) {
        keys.put(subject.getKey(), existing.get());
      } else {
        // destroyed (retention ended, or erased): what happens from now on (a new sign-up, a withdrawal) gets a
        // new key; evidence sealed under the destroyed key stays unreadable
        keys.put(subject.getKey(), renewedProofKey(connection, subject.getKey(), subject.getValue()));
      }
    }
    if (!created.isEmpty()) {
      insert(connection, created, subjects);
      keys.putAll(created);
    }
    return keys;
  }

  private static void insert(Connection connection, Map<String, byte[]> created, Map<String, Instant> subjects)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO subject_keys (subject_key, proof_key, created_at) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, byte[]> key : created.entrySet()) {
        insert.setString(1, key.getKey());
        insert.setString(2, Base64.getEncoder().encodeToString(key.getValue()));
        insert.setLong(3, subjects.get(key.getKey()).toEpochMilli());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * The stored proof keys of those of the subjects that have a row: empty where the key was destroyed. One query per
   * {@value #LOOKUP_CHUNK} subjects, as a union of primary-key lookups rather than {@code IN (...)}: PostgreSQL
   * caches the plan of a statement the driver prepared on the server, and a plan made while the table was small
   * scans it whole, for {@code IN} and {@code = ANY}; a lookup by the whole key stays an index lookup. The number of
   * lookups is rounded up to a power of two (repeating the last key), so that few statements get prepared.
   */
  private static Map<String, Optional<byte[]>> stored(Connection connection, Collection<String> subjectKeys)
      throws SQLException {
    Map<String, Optional<byte[]>> stored = new HashMap<>();
    List<String> all = List.copyOf(subjectKeys);
    for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
      int lookups = Integer.highestOneBit(chunk.size() * 2 - 1);
      try (PreparedStatement select = connection.prepareStatement(String.join(" UNION ALL ",
          Collections.nCopies(lookups, "SELECT subject_key, proof_key FROM subject_keys WHERE subject_key = ?")))) {
        for (int i = 0; i < lookups; i++) {
          select.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            String key = rows.getString(2);
            stored.put(rows.getString(1), Optional.ofNullable(key).map(Base64.getDecoder()::decode));
          }
        }
      }
    }
    return stored;
  }

  private byte[] renewedProofKey(Connection connection, String subjectKey, Instant now) throws SQLException {
    byte[] key = randomBytes(32);
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE subject_keys SET proof_key = ? WHERE subject_key = ? AND proof_key IS NULL")) {
      update.setString(1, Base64.getEncoder().encodeToString(key));
      update.setString(2, subjectKey);
      if (update.executeUpdate() == 0) {
        // renewed (or destroyed again) meanwhile by another transaction
        return proofKeys(connection, Map.of(subjectKey, now)).get(subjectKey);
      }
    }
    return key;
  }

  /** Encrypts personal data under the subject's key (created if needed), so that erasure makes it unreadable. */
  public String seal(Connection connection, String subjectKey, Instant now, byte[] plain) throws SQLException {
    return encrypt(proofKeys(connection, Map.of(subjectKey, now)).get(subjectKey), plain);
  }

  /** Decrypts what {@link #seal} sealed; empty once the subject's key is destroyed. */
  public Optional<byte[]> open(Connection connection, String subjectKey, String sealed) throws SQLException {
    Optional<byte[]> key = proofKey(connection, subjectKey);
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
