package org.leadgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.Gateway;

/** A consent text once shown is kept as it was: changing the text of a known wording id stops startup. */
class WordingVersionsTest {
  @TempDir
  Path directory;

  private GatewayConfig config(String wordingText) throws IOException {
    String yaml = "dataDirectory: " + directory + "\n"
        + "consent:\n"
        + "  purposes: [ { id: newsletter, description: the ACME newsletter } ]\n"
        + "  wordings: [ { id: nl-v1, text: \"" + wordingText + "\" } ]\n"
        + "forms:\n  - id: contact\n    fields: [ { name: email, type: email } ]\n";
    return new ConfigLoader(Map.<String, String>of()::get)
        .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }

  @Test
  void theSameWordingStartsAgainButAChangedTextUnderTheSameIdIsRefused() throws IOException {
    Gateway.start(config("Yes, send me the newsletter."), getClass().getClassLoader(), Clock.systemUTC()).close();
    Gateway.start(config("Yes, send me the newsletter."), getClass().getClassLoader(), Clock.systemUTC()).close();

    ConfigException e = assertThrows(ConfigException.class, () -> Gateway.start(
        config("Yes, send me the newsletter and offers."), getClass().getClassLoader(), Clock.systemUTC()));

    assertEquals("consent.wordings[0].text", e.key());
    assertTrue(e.getMessage().contains("needs a new id"));
  }
}
