package org.leadgate.crm.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;
import org.leadgate.spi.PluginContext;
import org.leadgate.spi.Plugins;
import org.leadgate.testing.MutableClock;

class LogTargetFactoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");

  @TempDir
  Path dataDirectory;

  private PluginContext context(ObjectNode settings) {
    return new PluginContext(ConfigNode.of(settings, "crm.settings"), dataDirectory, MutableClock.atFixedStart());
  }

  private static Lead lead(String id, String email, String company) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    fields.put("email", new FieldValue(email, Provenance.typed("contact", AT)));
    fields.put("company", new FieldValue(company, Provenance.typed("contact", AT)));
    return new Lead(id, "contact", AT, fields);
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void eachDeliveryIsAppendedAsOneJsonLineInTheDataDirectory() throws IOException {
    try (CrmAdapter target = new LogTargetFactory().create(context(JSON.createObjectNode()))) {
      DeliveryResult first = target.deliver(new Delivery(lead("lead-1", "ada@example.de", "ACME"), "lead-1", 1));
      DeliveryResult second =
          target.deliver(new Delivery(lead("lead-2", "jürgen@example.de", "Müller & Söhne"), "lead-2", 1));

      assertInstanceOf(DeliveryResult.Delivered.class, first);
      assertInstanceOf(DeliveryResult.Delivered.class, second);
    }

    List<JsonNode> lines = lines(dataDirectory.resolve("delivered.jsonl"));
    assertEquals(2, lines.size());
    assertEquals("lead-1", lines.get(0).get("leadId").asText());
    assertEquals("contact", lines.get(0).get("formId").asText());
    assertEquals("ada@example.de", lines.get(0).get("fields").get("email").asText());
    assertEquals("ACME", lines.get(0).get("fields").get("company").asText());
    assertEquals("TYPED", lines.get(0).get("provenance").get("email").get("source").asText());
    assertEquals("lead-2", lines.get(1).get("leadId").asText());
    assertEquals("Müller & Söhne", lines.get(1).get("fields").get("company").asText());
  }

  @Test
  void aFieldValueWithALineBreakStaysOnOneLine() throws IOException {
    try (CrmAdapter target = new LogTargetFactory().create(context(JSON.createObjectNode()))) {
      target.deliver(new Delivery(lead("lead-1", "ada@example.de", "ACME\nGmbH"), "lead-1", 1));
    }

    List<JsonNode> lines = lines(dataDirectory.resolve("delivered.jsonl"));
    assertEquals(1, lines.size());
    assertEquals("ACME\nGmbH", lines.get(0).get("fields").get("company").asText());
  }

  @Test
  void fileSettingChoosesTheFileAndCreatesItsDirectories() throws IOException {
    Path file = dataDirectory.resolve("elsewhere/deeper/leads.jsonl");
    ObjectNode settings = JSON.createObjectNode().put("file", file.toString());

    try (CrmAdapter target = new LogTargetFactory().create(context(settings))) {
      target.deliver(new Delivery(lead("lead-1", "ada@example.de", "ACME"), "lead-1", 1));
    }

    assertEquals("lead-1", lines(file).get(0).get("leadId").asText());
    assertTrue(Files.notExists(dataDirectory.resolve("delivered.jsonl")));
  }

  @Test
  void unknownSettingIsRefusedNamingTheKey() {
    ObjectNode settings = JSON.createObjectNode().put("path", "/tmp/x.jsonl");

    ConfigException e = assertThrows(ConfigException.class, () -> new LogTargetFactory().create(context(settings)));

    assertEquals("crm.settings.path", e.key());
    assertTrue(e.getMessage().contains("file"), e.getMessage());
  }

  @Test
  void fileThatCannotBeWrittenIsAPassingFailureSoTheLeadIsNotLost() throws IOException {
    Path directory = Files.createDirectories(dataDirectory.resolve("a-directory"));
    ObjectNode settings = JSON.createObjectNode().put("file", directory.toString());

    try (CrmAdapter target = new LogTargetFactory().create(context(settings))) {
      DeliveryResult result = target.deliver(new Delivery(lead("lead-1", "ada@example.de", "ACME"), "lead-1", 1));

      assertInstanceOf(DeliveryResult.Retry.class, result);
    }
  }

  @Test
  void logTargetIsBuiltThroughThePluginRegistry() throws IOException {
    try (CrmAdapter target = Plugins.crmAdapters(getClass().getClassLoader()).require("log", "crm.adapter")
        .create(context(JSON.createObjectNode()))) {
      target.deliver(new Delivery(lead("lead-9", "ada@example.de", "ACME"), "lead-9", 1));
    }

    assertEquals("lead-9", lines(dataDirectory.resolve("delivered.jsonl")).get(0).get("leadId").asText());
  }
}
