package org.leadgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  /** The smallest valid configuration: one form with one field. */
  private static final String ONE_FORM = """
      forms:
        - id: contact
          fields:
            - { name: email, type: email, required: true }
      """;

  private static GatewayConfig parse(String yaml) {
    return parse(Map.of(), yaml);
  }

  private static GatewayConfig parse(Map<String, String> environment, String yaml) {
    try {
      return new ConfigLoader(environment::get)
          .parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ConfigException refused(String yaml) {
    return refused(Map.of(), yaml);
  }

  private static ConfigException refused(Map<String, String> environment, String yaml) {
    return assertThrows(ConfigException.class, () -> parse(environment, yaml));
  }

  private static void assertMentions(ConfigException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
    }
  }

  // --- the built-in default ---------------------------------------------------------------------------------------

  @Test
  void builtInDefaultLoadsTheDemoFormTheLogTargetAndSqliteUnderTheDataDirectory() {
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).loadDefault();

    assertEquals(List.of("demo"), config.forms().stream().map(FormConfig::id).toList());
    assertEquals("log", config.crm().adapter());
    assertTrue(config.storage().isSqlite(), config.storage().jdbcUrl());
    Path databaseFile = Path.of(config.storage().jdbcUrl().substring("jdbc:sqlite:".length()))
        .toAbsolutePath().normalize();
    assertTrue(databaseFile.startsWith(config.dataDirectory()),
        databaseFile + " should be under " + config.dataDirectory());
    assertEquals(Optional.empty(), config.admin().tokens().stream().map(AdminConfig.ApiToken::token).findFirst(), "without LEADGATE_ADMIN_TOKEN the admin API is off");
  }

  @Test
  void builtInDefaultDemoFormHasRequiredLastNameAndEmail() {
    FormConfig demo = new ConfigLoader(Map.<String, String>of()::get).loadDefault().form("demo").orElseThrow();

    assertTrue(demo.field("lastName").orElseThrow().required());
    assertEquals(FieldType.EMAIL, demo.field("email").orElseThrow().type());
    assertTrue(demo.field("email").orElseThrow().required());
    assertFalse(demo.field("company").orElseThrow().required());
    assertEquals(2000, demo.field("message").orElseThrow().maxLength());
    assertEquals("/thanks", demo.thankYouUrl());
  }

  @Test
  void builtInDefaultTakesTheAdminTokenFromTheEnvironment() {
    GatewayConfig config =
        new ConfigLoader(Map.of("LEADGATE_ADMIN_TOKEN", "0123456789abcdef-token")::get).loadDefault();

    assertEquals(Optional.of("0123456789abcdef-token"), config.admin().tokens().stream().map(AdminConfig.ApiToken::token).findFirst());
  }

  @Test
  void sectionsLeftOutGetTheirDefaults() {
    GatewayConfig config = parse("dataDirectory: /srv/leadgate\n" + ONE_FORM);

    assertEquals(Path.of("/srv/leadgate"), config.dataDirectory());
    assertEquals("jdbc:sqlite:" + Path.of("/srv/leadgate", "leadgate.db"), config.storage().jdbcUrl());
    assertEquals("log", config.crm().adapter());
    assertEquals(Optional.empty(), config.admin().tokens().stream().map(AdminConfig.ApiToken::token).findFirst());
    assertEquals(64 * 1024, config.intake().maxBodyBytes());
    assertEquals(Duration.ofSeconds(10), config.intake().commitTimeout());
    assertEquals(256, config.intake().maxBatch());
    assertEquals("203.0.113.9", config.intake().trustedProxies().clientAddress("203.0.113.9",
        java.util.List.of("198.51.100.7")), "no proxy is trusted unless configured");
    assertEquals(new DeliveryConfig(12, Duration.ofSeconds(2), Duration.ofMinutes(30), Duration.ofSeconds(1),
        Duration.ofMinutes(5), Duration.ofDays(30)), config.delivery());
  }

  @Test
  void fieldsLeftOutGetTheirDefaults() {
    FormConfig form = parse("""
        forms:
          - id: contact
            fields:
              - name: company
              - { name: notes, type: textarea }
              - { name: email, type: email }
        """).forms().get(0);

    assertEquals(new FieldConfig("company", "company", FieldType.TEXT, false, 255), form.fields().get(0));
    assertEquals(4000, form.fields().get(1).maxLength());
    assertEquals(254, form.fields().get(2).maxLength());
    assertEquals("contact", form.title());
    assertEquals("/thanks", form.thankYouUrl());
    assertEquals(List.of(), form.allowedOrigins());
  }

  // --- environment substitution -----------------------------------------------------------------------------------

  @Test
  void environmentVariableIsSubstituted() {
    GatewayConfig config = parse(Map.of("CRM_URL", "https://crm.example.de/api"), """
        crm:
          adapter: generic-http
          settings:
            url: ${CRM_URL}
            header: "Bearer ${CRM_URL}/x"
        """ + ONE_FORM);

    assertEquals("https://crm.example.de/api", config.crm().settings().string("url"));
    assertEquals("Bearer https://crm.example.de/api/x", config.crm().settings().string("header"));
    assertEquals("crm.settings", config.crm().settings().path());
  }

  @Test
  void defaultAfterColonDashIsUsedWhenTheVariableIsUnsetOrEmpty() {
    String yaml = """
        crm:
          settings:
            url: ${CRM_URL:-http://localhost:9000}
        """ + ONE_FORM;

    assertEquals("http://localhost:9000", parse(yaml).crm().settings().string("url"));
    assertEquals("http://localhost:9000", parse(Map.of("CRM_URL", ""), yaml).crm().settings().string("url"));
    assertEquals("http://crm", parse(Map.of("CRM_URL", "http://crm"), yaml).crm().settings().string("url"));
  }

  @Test
  void unsetVariableWithoutDefaultIsRefusedAtItsKeyNamingTheVariable() {
    ConfigException e = refused("""
        crm:
          settings:
            url: ${CRM_URL}
        """ + ONE_FORM);

    assertEquals("crm.settings.url", e.key());
    assertMentions(e, "CRM_URL");
  }

  @Test
  void unsetVariableInsideAListIsRefusedAtItsIndexedKey() {
    ConfigException e = refused("""
        forms:
          - id: contact
            title: ${FORM_TITLE}
            fields:
              - name: email
        """);

    assertEquals("forms[0].title", e.key());
    assertMentions(e, "FORM_TITLE");
  }

  @Test
  void substitutedValueIsReadAsTheTypeItsKeyNeeds() {
    GatewayConfig config = parse(Map.of("ATTEMPTS", "5", "LEASE", "90s"), """
        delivery:
          maxAttempts: ${ATTEMPTS}
          claimLease: ${LEASE}
        """ + ONE_FORM);

    assertEquals(5, config.delivery().maxAttempts());
    assertEquals(Duration.ofSeconds(90), config.delivery().claimLease());
  }

  @Test
  void doubledDollarStaysALiteralPlaceholder() {
    GatewayConfig config = parse(Map.of("X", "substituted"), """
        crm:
          settings:
            template: "$${X} and ${X}"
        """ + ONE_FORM);

    assertEquals("${X} and substituted", config.crm().settings().string("template"));
  }

  @Test
  void valueFromTheEnvironmentIsNotSubstitutedAgain() {
    GatewayConfig config = parse(Map.of("A", "${B}"), """
        crm:
          settings:
            value: ${A}
        """ + ONE_FORM);

    assertEquals("${B}", config.crm().settings().string("value"));
  }

  // --- structure errors name the key -----------------------------------------------------------------------------

  @Test
  void unknownKeyIsRefusedWithTheKnownKeysListed() {
    ConfigException e = refused("""
        forms:
          - id: contact
            feilds:
              - name: email
        """);

    assertEquals("forms[0].feilds", e.key());
    assertMentions(e, "forms[0].feilds", "allowedOrigins, audience, birthDateField, consents, enrichment, fields, id, minimumAge, privacyNoticeUrl, thankYouUrl, title");
  }

  @Test
  void unknownTopLevelKeyIsRefused() {
    ConfigException e = refused("storrage:\n  url: jdbc:sqlite:x.db\n" + ONE_FORM);

    assertEquals("storrage", e.key());
    assertMentions(e, "storage");
  }

  @Test
  void formWithoutIdIsRefused() {
    ConfigException e = refused("""
        forms:
          - title: Contact
            fields:
              - name: email
        """);

    assertEquals("forms[0].id", e.key());
    assertMentions(e, "is required");
  }

  @Test
  void formWithoutFieldsIsRefused() {
    ConfigException e = refused("forms:\n  - id: contact\n");

    assertEquals("forms[0].fields", e.key());
  }

  @Test
  void duplicateFormIdIsRefusedNamingTheFirstUse() {
    ConfigException e = refused("""
        forms:
          - id: contact
            fields: [ { name: email } ]
          - id: newsletter
            fields: [ { name: email } ]
          - id: contact
            fields: [ { name: phone } ]
        """);

    assertEquals("forms[2].id", e.key());
    assertMentions(e, "'contact'", "forms[0]");
  }

  @Test
  void duplicateFieldNameIsRefused() {
    ConfigException e = refused("""
        forms:
          - id: contact
            fields:
              - name: email
              - name: email
        """);

    assertEquals("forms[0].fields[1].name", e.key());
    assertMentions(e, "'email'", "'contact'");
  }

  @Test
  void unknownFieldTypeIsRefusedWithTheKnownTypesListed() {
    ConfigException e = refused("""
        forms:
          - id: contact
            fields:
              - { name: email, type: e-mail }
        """);

    assertEquals("forms[0].fields[0].type", e.key());
    assertMentions(e, "'e-mail'", "text, textarea, email, phone, date, hidden");
  }

  @Test
  void fieldNameThatIsNoIdentifierIsRefused() {
    ConfigException e = refused("""
        forms:
          - id: contact
            fields:
              - name: "e mail"
        """);

    assertEquals("forms[0].fields[0].name", e.key());
  }

  @Test
  void originWithAPathIsRefused() {
    ConfigException e = refused("""
        forms:
          - id: contact
            allowedOrigins: [ "https://www.example.de", "https://x.de/path" ]
            fields: [ { name: email } ]
        """);

    assertEquals("forms[0].allowedOrigins[1]", e.key());
    assertMentions(e, "https://x.de/path");
  }

  @Test
  void originsWithSchemeHostAndPortAreAccepted() {
    FormConfig form = parse("""
        forms:
          - id: contact
            allowedOrigins: [ "https://www.example.de", "http://localhost:8080" ]
            fields: [ { name: email } ]
        """).forms().get(0);

    assertEquals(List.of("https://www.example.de", "http://localhost:8080"), form.allowedOrigins());
  }

  @Test
  void javascriptThankYouUrlIsRefused() {
    ConfigException e = refused("""
        forms:
          - id: contact
            thankYouUrl: "javascript:alert(1)"
            fields: [ { name: email } ]
        """);

    assertEquals("forms[0].thankYouUrl", e.key());
    assertMentions(e, "javascript:alert(1)");
  }

  @Test
  void protocolRelativeThankYouUrlIsRefused() {
    ConfigException e = refused("""
        forms:
          - id: contact
            thankYouUrl: "//evil.example/thanks"
            fields: [ { name: email } ]
        """);

    assertEquals("forms[0].thankYouUrl", e.key());
  }

  @Test
  void backslashProtocolRelativeThankYouUrlIsRefused() {
    ConfigException e = refused("""
        forms:
          - id: contact
            thankYouUrl: '/\\evil.example/thanks'
            fields: [ { name: email } ]
        """);

    assertEquals("forms[0].thankYouUrl", e.key());
  }

  @Test
  void thankYouUrlMayBeALocalPathOrAnAbsoluteHttpsUrl() {
    GatewayConfig config = parse("""
        forms:
          - id: contact
            thankYouUrl: /danke
            fields: [ { name: email } ]
          - id: newsletter
            thankYouUrl: https://www.example.de/danke?x=1
            fields: [ { name: email } ]
        """);

    assertEquals("/danke", config.form("contact").orElseThrow().thankYouUrl());
    assertEquals("https://www.example.de/danke?x=1", config.form("newsletter").orElseThrow().thankYouUrl());
  }

  @Test
  void configurationWithoutFormsIsRefusedAtForms() {
    ConfigException e = refused("crm:\n  adapter: log\n");

    assertEquals("forms", e.key());
  }

  // --- typed values -----------------------------------------------------------------------------------------------

  @Test
  void unparseableDurationIsRefusedAtItsKey() {
    ConfigException e = refused("delivery:\n  maxBackoff: soon\n" + ONE_FORM);

    assertEquals("delivery.maxBackoff", e.key());
    assertMentions(e, "'soon'");
  }

  @Test
  void durationsAreReadInShortAndIsoSpellings() {
    DeliveryConfig delivery = parse("""
        delivery:
          initialBackoff: 500ms
          maxBackoff: 2h
          pollInterval: PT10S
          claimLease: 5m
          logRetention: 90d
        intake:
          commitTimeout: 7d
        """ + ONE_FORM).delivery();

    assertEquals(Duration.ofMillis(500), delivery.initialBackoff());
    assertEquals(Duration.ofHours(2), delivery.maxBackoff());
    assertEquals(Duration.ofSeconds(10), delivery.pollInterval());
    assertEquals(Duration.ofMinutes(5), delivery.claimLease());
    assertEquals(Duration.ofDays(90), delivery.logRetention());
  }

  @Test
  void deliveryLogRetentionShorterThanAnHourIsRefusedAtItsKey() {
    ConfigException e = refused("delivery:\n  logRetention: 10m\n" + ONE_FORM);

    assertEquals("delivery.logRetention", e.key());
    assertMentions(e, "at least 1h");
  }

  @Test
  void maxBackoffShorterThanInitialBackoffIsRefused() {
    ConfigException e = refused("delivery:\n  initialBackoff: 10m\n  maxBackoff: 1m\n" + ONE_FORM);

    assertEquals("delivery.maxBackoff", e.key());
    assertMentions(e, "initialBackoff");
  }

  @Test
  void wholeNumberOutOfRangeIsRefusedWithTheRange() {
    ConfigException e = refused("delivery:\n  maxAttempts: 0\n" + ONE_FORM);

    assertEquals("delivery.maxAttempts", e.key());
    assertMentions(e, "between 1 and 1000");
  }

  @Test
  void booleanThatIsNeitherTrueNorFalseIsRefused() {
    ConfigException e = refused("""
        forms:
          - id: contact
            fields:
              - { name: email, required: maybe }
        """);

    assertEquals("forms[0].fields[0].required", e.key());
  }

  @Test
  void zeroInitialBackoffIsRefusedAtItsKey() {
    ConfigException e = refused("delivery:\n  initialBackoff: 0s\n" + ONE_FORM);

    assertEquals("delivery.initialBackoff", e.key());
  }

  @Test
  void durationTooLargeToRepresentIsRefusedAtItsKey() {
    ConfigException e = refused("delivery:\n  claimLease: 99999999999999999999d\n" + ONE_FORM);

    assertEquals("delivery.claimLease", e.key());
  }

  // --- storage and admin ------------------------------------------------------------------------------------------

  @Test
  void unsupportedDatabaseIsRefusedAtStorageUrlWithoutShowingItsPassword() {
    ConfigException e = refused("storage:\n  url: jdbc:mysql://leadgate:s3cret@db:3306/leads\n" + ONE_FORM);

    assertEquals("storage.url", e.key());
    assertMentions(e, "jdbc:mysql:", "jdbc:postgresql:");
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void postgresqlUrlIsAccepted() {
    StorageConfig storage = parse(Map.of("DB_PASSWORD", "pw"), """
        storage:
          url: jdbc:postgresql://db:5432/leadgate
          user: leadgate
          password: ${DB_PASSWORD}
          poolSize: 4
        """ + ONE_FORM).storage();

    assertFalse(storage.isSqlite());
    assertEquals(Optional.of("leadgate"), storage.user());
    assertEquals(Optional.of("pw"), storage.password());
    assertEquals(4, storage.poolSize());
  }

  @Test
  void adminTokenShorterThanSixteenCharactersIsRefused() {
    ConfigException e = refused("admin:\n  token: too-short\n" + ONE_FORM);

    assertEquals("admin.token", e.key());
    assertMentions(e, "16");
  }

  @Test
  void adminTokenOfSixteenCharactersIsAccepted() {
    assertEquals(Optional.of("0123456789abcdef"),
        parse("admin:\n  token: 0123456789abcdef\n" + ONE_FORM).admin().tokens().stream().map(AdminConfig.ApiToken::token).findFirst());
  }

  // --- the file ---------------------------------------------------------------------------------------------------

  @Test
  void invalidYamlIsRefusedAtFileNamingTheSource() {
    ConfigException e = refused("forms: [ { id: contact\n");

    assertEquals("(file)", e.key());
    assertMentions(e, "test", "not valid YAML");
  }

  @Test
  void yamlThatIsNotAMappingIsRefusedAtFile() {
    assertEquals("(file)", refused("- id: contact\n").key());
    assertEquals("(file)", refused("").key());
    assertEquals("(file)", refused("just text\n").key());
  }

  @Test
  void missingFileIsRefusedAtFile(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ConfigLoader(Map.<String, String>of()::get).load(dir.resolve("nope.yml")));

    assertEquals("(file)", e.key());
    assertMentions(e, "nope.yml");
  }

  @Test
  void fileIsLoadedFromDisk(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("leadgate.yml");
    Files.writeString(file, ONE_FORM);

    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).load(Optional.of(file));

    assertEquals("contact", config.forms().get(0).id());
  }

  @Test
  void explicitLocationWinsOverSystemPropertyWhichWinsOverEnvironment() {
    ConfigLoader loader = new ConfigLoader(Map.of("LEADGATE_CONFIG", "from-env.yml")::get);
    String before = System.getProperty("leadgate.config");
    try {
      System.setProperty("leadgate.config", "from-property.yml");
      assertEquals(Optional.of(Path.of("x.yml")), loader.locate(Optional.of("x.yml")));
      assertEquals(Optional.of(Path.of("from-property.yml")), loader.locate(Optional.empty()));

      System.clearProperty("leadgate.config");
      assertEquals(Optional.of(Path.of("from-env.yml")), loader.locate(Optional.empty()));
      assertEquals(Optional.empty(),
          new ConfigLoader(Map.<String, String>of()::get).locate(Optional.empty()));
    } finally {
      if (before == null) {
        System.clearProperty("leadgate.config");
      } else {
        System.setProperty("leadgate.config", before);
      }
    }
  }
}
