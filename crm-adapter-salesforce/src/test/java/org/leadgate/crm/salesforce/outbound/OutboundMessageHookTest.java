package org.leadgate.crm.salesforce.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.crm.salesforce.hooks.TestConfig.field;
import static org.leadgate.crm.salesforce.outbound.Envelopes.INTEGRATION_USER;
import static org.leadgate.crm.salesforce.outbound.Envelopes.SALES_USER;
import static org.leadgate.crm.salesforce.outbound.Envelopes.changedBy;
import static org.leadgate.crm.salesforce.outbound.Envelopes.lead;
import static org.leadgate.crm.salesforce.outbound.Envelopes.leadId;
import static org.leadgate.crm.salesforce.outbound.Envelopes.message;
import static org.leadgate.crm.salesforce.outbound.Envelopes.notificationId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadgate.config.ConfigException;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.crm.salesforce.hooks.RecordingIntake;
import org.leadgate.crm.salesforce.hooks.TestConfig;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.spi.HookRequest;
import org.leadgate.spi.HookResponse;
import org.leadgate.storage.StorageUnavailableException;

class OutboundMessageHookTest {
  private static final String SECRET = "s3cr3t-0123456789abcdef";
  private static final Instant NOW = Instant.parse("2025-03-14T09:30:00Z");
  private static final String ACK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
      + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack>"
      + "</notificationsResponse></soapenv:Body></soapenv:Envelope>";
  private static final FormConfig FORM = TestConfig.form("salesforce-leads", List.of(
      field("firstName", FieldType.TEXT),
      field("lastName", "Last name", FieldType.TEXT, true),
      field("email", FieldType.EMAIL),
      field("company", FieldType.TEXT),
      field("phone", FieldType.PHONE),
      field("language", FieldType.TEXT)), List.of());

  private final OutboundMessageHook hook = hook(settings -> {});

  @Test
  void acknowledges_a_wsdl_shaped_message_with_exactly_the_notifications_response_once_all_are_stored() {
    RecordingIntake intake = RecordingIntake.accepting();

    HookResponse answer = hook.handle(post(Envelopes.sample()), intake);

    assertEquals(200, answer.status());
    assertEquals("text/xml; charset=utf-8", answer.contentType());
    assertEquals(ACK, text(answer));
    assertEquals(List.of("sf-om:04l5j00000XyZ12AAB", "sf-om:04l5j00000XyZ13AAB", "sf-om:04l5j00000XyZ14AAB"),
        intake.keys());
  }

  @Test
  void submits_each_lead_to_the_form_as_an_update_of_its_record_with_nil_and_unknown_fields_left_out() {
    RecordingIntake intake = RecordingIntake.accepting();

    hook.handle(post(Envelopes.sample()), intake);

    Submission rossi = intake.submissions().get(0);
    assertEquals("salesforce-leads", rossi.formId());
    assertEquals(NOW, rossi.receivedAt());
    assertEquals(Optional.of("00Q5j00000Qw3rTEAR"), rossi.crmRecordId());
    assertEquals(Map.of("firstName", List.of("Mario"), "lastName", List.of("Rossi"),
        "email", List.of("m.rossi@globex.example"), "company", List.of("Globex GmbH")), rossi.values());
    Submission gibbons = intake.submissions().get(1);
    assertEquals(Map.of("lastName", List.of("Gibbons"), "email", List.of("p.gibbons@initech.example"),
        "company", List.of("Initech AG"), "phone", List.of("+49 30 1234567")), gibbons.values());
    assertEquals(Submission.RequestContext.NONE, gibbons.context(), "Salesforce's address is not the lead's");
  }

  @Test
  void the_values_count_as_of_the_records_last_modified_date_so_a_late_resend_cannot_overwrite_newer_values() {
    RecordingIntake intake = RecordingIntake.accepting();

    hook.handle(post(Envelopes.sample()), intake);

    assertEquals(Optional.of(Instant.parse("2025-03-14T09:26:53Z")), intake.submissions().get(0).changedAt());
    assertEquals(Instant.parse("2025-03-14T09:27:10Z"), intake.submissions().get(1).valuesAt());
  }

  @Test
  void without_a_readable_last_modified_date_the_system_modstamp_counts_and_without_either_the_receipt() {
    RecordingIntake intake = RecordingIntake.accepting();
    String changedBy = Envelopes.changedBy(Envelopes.SALES_USER);

    hook.handle(post(Envelopes.message(List.of(
        Envelopes.lead(Envelopes.notificationId(1), Envelopes.leadId(1), changedBy
            + "<sf:LastName>Rossi</sf:LastName><sf:SystemModstamp>2025-03-14T09:20:00.000+00:00</sf:SystemModstamp>"),
        Envelopes.lead(Envelopes.notificationId(2), Envelopes.leadId(2), changedBy
            + "<sf:LastName>Gibbons</sf:LastName><sf:LastModifiedDate>yesterday</sf:LastModifiedDate>"
            + "<sf:SystemModstamp>2025-03-14T09:21:00.000Z</sf:SystemModstamp>"),
        Envelopes.lead(Envelopes.notificationId(3), Envelopes.leadId(3), changedBy
            + "<sf:LastName>Wesker</sf:LastName><sf:LastModifiedDate>yesterday</sf:LastModifiedDate>")))), intake);

    assertEquals(Instant.parse("2025-03-14T09:20:00Z"), intake.submissions().get(0).valuesAt());
    assertEquals(Instant.parse("2025-03-14T09:21:00Z"), intake.submissions().get(1).valuesAt());
    assertEquals(Optional.empty(), intake.submissions().get(2).changedAt());
    assertEquals(NOW, intake.submissions().get(2).valuesAt());
  }

  @Test
  void keeps_each_notification_alone_as_the_evidence_of_its_lead() {
    RecordingIntake intake = RecordingIntake.accepting();

    hook.handle(post(Envelopes.sample()), intake);

    Submission rossi = intake.submissions().get(0);
    assertEquals("text/xml; charset=utf-8", rossi.contentType());
    assertTrue(rossi.body().startsWith("<Notification xmlns=\"http://soap.sforce.com/2005/09/outbound\">"),
        rossi.body());
    assertTrue(rossi.body().contains("04l5j00000XyZ12AAB") && rossi.body().contains("Preferred_Language__c"));
    assertFalse(rossi.body().contains("Gibbons") || rossi.body().contains("Wesker"), rossi.body());
  }

  @Test
  void maps_further_lead_fields_by_their_configured_api_names() {
    RecordingIntake intake = RecordingIntake.accepting();
    OutboundMessageHook mapped = hook(settings -> settings.put("fields", Map.of("Preferred_Language__c", "language",
        "Company", "lastName")));

    mapped.handle(post(Envelopes.sample()), intake);

    assertEquals(List.of("it"), intake.submissions().get(0).values().get("language"));
    assertEquals(List.of("Globex GmbH"), intake.submissions().get(0).values().get("lastName"),
        "a configured mapping comes before the default one");
  }

  @Test
  void the_same_message_resent_three_times_in_any_order_submits_the_same_idempotency_keys() {
    RecordingIntake intake = RecordingIntake.accepting();
    List<String> notifications = IntStream.rangeClosed(1, 3)
        .mapToObj(n -> lead(notificationId(n), leadId(n), "<sf:LastName>Lead " + n + "</sf:LastName>"
            + changedBy(SALES_USER)))
        .toList();

    for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(2, 0, 1), List.of(1, 2, 0))) {
      HookResponse answer = hook.handle(post(message(order.stream().map(notifications::get).toList())), intake);
      assertEquals(ACK, text(answer), "a replay is acknowledged like the first delivery");
    }

    List<String> keys = intake.keys();
    assertEquals(9, keys.size());
    List<String> expected = List.of("sf-om:" + notificationId(1), "sf-om:" + notificationId(2),
        "sf-om:" + notificationId(3));
    for (int delivery = 0; delivery < 3; delivery++) {
      assertEquals(new HashSet<>(expected), new HashSet<>(keys.subList(delivery * 3, delivery * 3 + 3)));
    }
  }

  @Test
  void skips_but_acknowledges_changes_made_by_the_integration_user_in_either_id_form() {
    RecordingIntake intake = RecordingIntake.accepting();
    String byIntegration18 = lead(notificationId(1), leadId(1), "<sf:LastName>A</sf:LastName>"
        + changedBy(INTEGRATION_USER));
    String byIntegration15 = lead(notificationId(2), leadId(2), "<sf:LastName>B</sf:LastName>"
        + changedBy(INTEGRATION_USER.substring(0, 15)));
    String bySales = lead(notificationId(3), leadId(3), "<sf:LastName>C</sf:LastName>" + changedBy(SALES_USER));

    HookResponse answer = hook.handle(post(message(List.of(byIntegration18, byIntegration15, bySales))), intake);

    assertEquals(ACK, text(answer));
    assertEquals(List.of("sf-om:" + notificationId(3)), intake.keys());
  }

  @Test
  void skips_but_acknowledges_notifications_of_deleted_records_which_carry_no_data() {
    RecordingIntake intake = RecordingIntake.accepting();
    String noSObject = Envelopes.withoutSObject(notificationId(1));
    String onlyId = lead(notificationId(2), leadId(2), "");

    HookResponse answer = hook.handle(post(message(List.of(noSObject, onlyId))), intake);

    assertEquals(ACK, text(answer));
    assertEquals(List.of(), intake.submissions());
  }

  @Test
  void refuses_the_whole_message_when_a_notification_lacks_last_modified_by_so_the_loop_guard_cannot_work() {
    RecordingIntake intake = RecordingIntake.accepting();
    String fine = lead(notificationId(1), leadId(1), "<sf:LastName>A</sf:LastName>" + changedBy(SALES_USER));
    String unguarded = lead(notificationId(2), leadId(2), "<sf:LastName>B</sf:LastName>");

    HookResponse answer = hook.handle(post(message(List.of(fine, unguarded))), intake);

    assertFault(400, answer);
    assertTrue(text(answer).contains("LastModifiedById"), text(answer));
    assertEquals(List.of(), intake.submissions());
  }

  @Test
  void refuses_notifications_about_other_objects_than_leads() {
    RecordingIntake intake = RecordingIntake.accepting();
    String contact = Envelopes.sObject(notificationId(1), "sf:Contact", "<sf:Id>0035j00000C0ntAAAA</sf:Id>"
        + "<sf:LastName>A</sf:LastName>" + changedBy(SALES_USER));

    assertFault(400, hook.handle(post(message(List.of(contact))), intake));
    assertEquals(List.of(), intake.submissions());
  }

  @Test
  void skips_a_lead_the_form_finds_invalid_and_still_stores_and_acknowledges_the_others() {
    RecordingIntake intake = RecordingIntake.answering(submission -> submission.first("email").isPresent()
        ? new Outcome.Accepted("lead-1", false)
        : new Outcome.Invalid(List.of(new FieldProblem("email", "is required"))));
    String withEmail = lead(notificationId(1), leadId(1), "<sf:Email>a@example.de</sf:Email>" + changedBy(SALES_USER));
    String withoutEmail = lead(notificationId(2), leadId(2), "<sf:LastName>B</sf:LastName>" + changedBy(SALES_USER));
    String alsoWithEmail = lead(notificationId(3), leadId(3), "<sf:Email>c@example.de</sf:Email>"
        + changedBy(SALES_USER));

    HookResponse answer = hook.handle(post(message(List.of(withEmail, withoutEmail, alsoWithEmail))), intake);

    assertEquals(ACK, text(answer));
    assertEquals(3, intake.submissions().size());
  }

  @Test
  void answers_a_500_server_fault_without_ack_when_storage_fails_so_that_salesforce_resends() {
    AtomicInteger calls = new AtomicInteger();
    RecordingIntake failing = RecordingIntake.answering(submission -> {
      if (calls.incrementAndGet() == 2) {
        throw new StorageUnavailableException("commit timed out", null);
      }
      return new Outcome.Accepted("lead-" + calls.get(), false);
    });

    HookResponse answer = hook.handle(post(Envelopes.sample()), failing);

    assertFault(500, answer);
    assertTrue(text(answer).contains("<faultcode>soapenv:Server</faultcode>"), text(answer));
    RecordingIntake recovered = RecordingIntake.accepting();
    assertEquals(ACK, text(hook.handle(post(Envelopes.sample()), recovered)));
    assertEquals(failing.keys().get(0), recovered.keys().get(0), "the resend replays what was stored");
  }

  @Test
  void takes_up_to_one_hundred_notifications_and_refuses_more() {
    RecordingIntake intake = RecordingIntake.accepting();
    List<String> notifications = IntStream.rangeClosed(1, 101)
        .mapToObj(n -> lead(notificationId(n), leadId(n), "<sf:LastName>L</sf:LastName>" + changedBy(SALES_USER)))
        .toList();

    assertEquals(ACK, text(hook.handle(post(message(notifications.subList(0, 100))), intake)));
    assertEquals(100, intake.submissions().size());
    assertFault(400, hook.handle(post(message(notifications)), intake));
    assertEquals(100, intake.submissions().size());
  }

  @Test
  void compares_the_organization_id_on_its_first_fifteen_characters_case_sensitively() {
    RecordingIntake intake = RecordingIntake.accepting();
    String notification = lead(notificationId(1), leadId(1), "<sf:LastName>A</sf:LastName>" + changedBy(SALES_USER));

    assertEquals(ACK, text(hook.handle(post(message("00D5j000001uVaTZZZ", List.of(notification))), intake)));
    assertFault(403, hook.handle(post(message("00D5j000001uvaTEAU", List.of(notification))), intake));
    assertFault(403, hook.handle(post(message("00D5j000009XyZWEAU", List.of(notification))), intake));
    assertEquals(1, intake.submissions().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "wrong-secret-0123456789", "S3CR3T-0123456789ABCDEF", "s3cr3t-0123456789abcde"})
  void refuses_a_missing_or_wrong_secret_before_reading_the_body(String secret) {
    RecordingIntake intake = RecordingIntake.accepting();
    Map<String, List<String>> query = secret.isEmpty() ? Map.of() : Map.of("secret", List.of(secret));

    assertFault(403, hook.handle(request("POST", "text/xml", query, Envelopes.sample()), intake));
    assertEquals(List.of(), intake.submissions());
  }

  @Test
  void takes_only_posts_of_xml() {
    RecordingIntake intake = RecordingIntake.accepting();
    Map<String, List<String>> query = Map.of("secret", List.of(SECRET));

    HookResponse get = hook.handle(request("GET", "text/xml", query, ""), intake);
    assertFault(405, get);
    assertEquals(Map.of("Allow", "POST"), get.headers());
    assertFault(415, hook.handle(request("POST", "application/json", query, Envelopes.sample()), intake));
    assertEquals(List.of(), intake.submissions());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not xml at all",
      "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>",
      "<Envelope><Body><notifications/></Body></Envelope>",
      "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
          + "<other xmlns=\"urn:x\"/></soapenv:Body></soapenv:Envelope>",
      "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
          + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>00D5j000001uVaTEAU"
          + "</OrganizationId></notifications></soapenv:Body></soapenv:Envelope>",
      "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
          + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Notification><Id>04l5j0000N00001AAB"
          + "</Id></Notification></notifications></soapenv:Body></soapenv:Envelope>",
      "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
          + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>00D5j000001uVaTEAU"
          + "</OrganizationId><Notification><Id>not an id</Id></Notification></notifications></soapenv:Body>"
          + "</soapenv:Envelope>",
      "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
          + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>00D5j000001uVaTEAU"
          + "</OrganizationId><Notification><Id>04l5j0000N00001AAB</Id><sObject><LastName>A</LastName></sObject>"
          + "</Notification></notifications></soapenv:Body></soapenv:Envelope>",
      "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
          + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>&undeclared;"
          + "</OrganizationId></notifications></soapenv:Body></soapenv:Envelope>"})
  void refuses_malformed_soap_with_a_client_fault(String body) {
    RecordingIntake intake = RecordingIntake.accepting();

    HookResponse answer = hook.handle(post(body), intake);

    assertFault(400, answer);
    assertTrue(text(answer).contains("<faultcode>soapenv:Client</faultcode>"), text(answer));
    assertEquals(List.of(), intake.submissions());
  }

  @Test
  void refuses_a_billion_laughs_message_at_once_without_expanding_it() {
    RecordingIntake intake = RecordingIntake.accepting();
    StringBuilder entities = new StringBuilder("<!ENTITY lol \"lol\">");
    for (int level = 1; level <= 12; level++) {
      entities.append("<!ENTITY lol").append(level).append(" \"")
          .append(("&lol" + (level == 1 ? "" : level - 1) + ";").repeat(10)).append("\">");
    }
    String bomb = withDoctype("<!DOCTYPE soapenv:Envelope [" + entities + "]>", message(List.of(
        lead(notificationId(1), leadId(1), "<sf:LastName>&lol12;</sf:LastName>" + changedBy(SALES_USER)))));

    HookResponse answer = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> hook.handle(post(bomb), intake));

    assertFault(400, answer);
    assertFalse(text(answer).contains("lollol"));
    assertEquals(List.of(), intake.submissions());
  }

  @Test
  void refuses_external_entities_without_reading_the_file(@TempDir Path directory) throws IOException {
    Path secretFile = directory.resolve("secret.txt");
    Files.writeString(secretFile, "TOP-SECRET-7f3a9c");
    String uri = secretFile.toUri().toString();
    List<String> doctypes = List.of(
        "<!DOCTYPE soapenv:Envelope [<!ENTITY xxe SYSTEM \"" + uri + "\">]>",
        "<!DOCTYPE soapenv:Envelope [<!ENTITY % xxe SYSTEM \"" + uri + "\"> %xxe;]>",
        "<!DOCTYPE soapenv:Envelope SYSTEM \"" + uri + "\">",
        "<!DOCTYPE soapenv:Envelope>");
    for (String doctype : doctypes) {
      RecordingIntake intake = RecordingIntake.accepting();
      String attack = withDoctype(doctype, message(List.of(
          lead(notificationId(1), leadId(1), "<sf:LastName>&xxe;</sf:LastName>" + changedBy(SALES_USER)))));

      HookResponse answer = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> hook.handle(post(attack), intake));

      assertFault(400, answer);
      assertFalse(text(answer).contains("TOP-SECRET"), text(answer));
      assertEquals(List.of(), intake.submissions(), doctype);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void refuses_bad_settings_naming_the_key(String key, Consumer<Map<String, Object>> change) {
    ConfigException error = assertThrows(ConfigException.class, () -> hook(change));

    assertEquals("crm.settings.outboundMessages." + key, error.key());
    assertFalse(error.getMessage().contains(SECRET.substring(0, 6)), "the secret is never shown");
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("sessionCheck", settings -> settings.put("sessionCheck", true)),
        bad("organizationId", settings -> settings.remove("organizationId")),
        bad("organizationId", settings -> settings.put("organizationId", "0055j000000Int1")),
        bad("secret", settings -> settings.remove("secret")),
        bad("secret", settings -> settings.put("secret", SECRET.substring(0, 12))),
        bad("form", settings -> settings.put("form", "no-such-form")),
        bad("fields.Email", settings -> settings.put("fields", Map.of("Email", "emailAddress"))),
        bad("fields.bad-name", settings -> settings.put("fields", Map.of("bad-name", "email"))),
        bad("integrationUserId", settings -> settings.remove("integrationUserId")),
        bad("integrationUserId", settings -> settings.put("integrationUserId", "00D5j000001uVaT")));
  }

  private static Arguments bad(String key, Consumer<Map<String, Object>> change) {
    return Arguments.of(key, change);
  }

  private static OutboundMessageHook hook(Consumer<Map<String, Object>> change) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("organizationId", "00D5j000001uVaT");
    settings.put("secret", SECRET);
    settings.put("form", FORM.id());
    settings.put("integrationUserId", "0055j000000Int1");
    change.accept(settings);
    return OutboundMessageHook.from(TestConfig.section("crm.settings.outboundMessages", settings), List.of(FORM));
  }

  private static HookRequest post(String xml) {
    return request("POST", "text/xml; charset=utf-8", Map.of("secret", List.of(SECRET)), xml);
  }

  private static HookRequest request(String method, String contentType, Map<String, List<String>> query,
      String body) {
    return new HookRequest(method, query, Map.of("Content-Type", contentType, "SOAPAction", "\"\""),
        body.getBytes(StandardCharsets.UTF_8), Submission.RequestContext.NONE, NOW);
  }

  /** The message with {@code doctype} after its XML declaration. */
  private static String withDoctype(String doctype, String message) {
    return message.replaceFirst("\\?>", Matcher.quoteReplacement("?>" + doctype));
  }

  private static void assertFault(int status, HookResponse answer) {
    assertEquals(status, answer.status(), text(answer));
    assertEquals("text/xml; charset=utf-8", answer.contentType());
    assertTrue(text(answer).contains("<soapenv:Fault>"), text(answer));
    assertFalse(text(answer).contains("Ack"), text(answer));
  }

  private static String text(HookResponse answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
