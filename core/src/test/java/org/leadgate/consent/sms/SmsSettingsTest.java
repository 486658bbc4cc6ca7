package org.leadgate.consent.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;
import org.leadgate.testing.MutableClock;

/** {@code consent.sms}: defaults, the gateway's keys, and errors that name the key. */
class SmsSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URL = "https://sms.example/v1/sms";

  @TempDir
  Path dataDirectory;

  private static SmsSettings settings(Map<String, Object> sms) {
    Map<String, Object> consent = new LinkedHashMap<>();
    consent.put("sms", sms);
    return SmsSettings.from(ConfigNode.of(JSON.valueToTree(consent), "consent"), "ACME GmbH");
  }

  private static ConfigException refused(Map<String, Object> sms) {
    return assertThrows(ConfigException.class, () -> settings(sms));
  }

  @Test
  void withoutASectionSmsAreWrittenAsTextFilesUnderTheDataDirectory() throws Exception {
    SmsSettings settings = settings(Map.of());

    assertEquals("ACME GmbH", settings.sender(), "the confirmation mail's display name");
    assertEquals(SmsSettings.DEFAULT_TEXT, settings.text());
    assertEquals(Optional.empty(), settings.gateway());
    SmsFileSender files = assertInstanceOf(SmsFileSender.class,
        SmsSenders.create(settings, dataDirectory, MutableClock.atFixedStart()));
    assertEquals(dataDirectory.resolve("sms").toAbsolutePath(), files.directory());

    assertInstanceOf(SmsResult.Sent.class, files.send(new SmsMessage("id-1", "+49301234567", "Bitte bestätigen")));
    try (var written = Files.list(files.directory())) {
      String content = Files.readString(written.findFirst().orElseThrow());
      assertTrue(content.startsWith("To: +49301234567\nId: id-1\nDate: "), content);
      assertTrue(content.endsWith("\n\nBitte bestätigen\n"), content);
    }
  }

  @Test
  void aGatewayUrlSendsOverHttpWithItsDefaults() {
    SmsSettings settings = settings(Map.of("url", URL, "authValue", "Bearer t0ken"));

    SmsSettings.Gateway gateway = settings.gateway().orElseThrow();
    assertEquals(URL, gateway.url().toString());
    assertEquals(Optional.of(new SmsSettings.Auth("Authorization", "Bearer t0ken")), gateway.auth());
    assertFalse(gateway.auth().toString().contains("t0ken"), "the secret is never shown");
    assertEquals("{\"to\":\"{to}\",\"text\":\"{text}\"}", gateway.body().toString());
    assertEquals(Optional.empty(), gateway.messageIdPointer());
    assertEquals(Duration.ofSeconds(10), gateway.timeout());
    assertInstanceOf(HttpSmsSender.class, SmsSenders.create(settings, dataDirectory, MutableClock.atFixedStart()));
  }

  @Test
  void errorsNameTheKey() {
    Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
    cases.put(Map.of("url", "ftp://sms.example"), "consent.sms.url");
    cases.put(Map.of("authValue", "Bearer t0ken"), "consent.sms.authValue");
    cases.put(Map.of("messageIdPointer", "/id"), "consent.sms.messageIdPointer");
    cases.put(Map.of("url", URL, "authHeader", "X-Api-Key"), "consent.sms.authValue");
    cases.put(Map.of("url", URL, "authHeader", "X Api Key", "authValue", "k"), "consent.sms.authHeader");
    cases.put(Map.of("url", URL, "authValue", "Bearer \u00e4"), "consent.sms.authValue");
    cases.put(Map.of("url", URL, "body", "{\"to\": \"{to}\""), "consent.sms.body");
    cases.put(Map.of("url", URL, "body", "[\"{to}\", \"{text}\"]"), "consent.sms.body");
    cases.put(Map.of("url", URL, "body", "{\"to\": \"{to}\", \"message\": \"hello\"}"), "consent.sms.body");
    cases.put(Map.of("url", URL, "messageIdPointer", "id"), "consent.sms.messageIdPointer");
    cases.put(Map.of("url", URL, "timeout", "soon"), "consent.sms.timeout");
    cases.put(Map.of("url", URL, "password", "secret"), "consent.sms.password");

    cases.forEach((sms, key) -> assertEquals(key, refused(sms).key(), sms.toString()));
  }

  @Test
  void theSecretIsNotEchoedInErrors() {
    ConfigException e = refused(Map.of("url", URL, "authValue", "Bearer s3cr\u00e9t"));

    assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
  }

  @Test
  void aBodyWithoutTheTextPlaceholderIsExplained() {
    ConfigException e = refused(Map.of("url", URL, "body", "{\"to\": \"{to}\"}"));

    assertTrue(e.getMessage().contains("must contain {text} inside a string value"), e.getMessage());
  }
}
