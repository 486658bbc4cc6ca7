package org.leadgate.crm.salesforce.webtolead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.crm.salesforce.hooks.TestConfig.field;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

class WebToLeadHookTest {
  private static final Instant NOW = Instant.parse("2025-03-14T09:30:00Z");
  private static final String OID = "00D5j000001uVaT";
  private static final String CUSTOM_BUDGET = "00N5j00000AbCdE";
  private static final String CUSTOM_PRODUCTS = "00N5j00000XyZ12";
  private static final Submission.RequestContext VISITOR = new Submission.RequestContext(Optional.of("203.0.113.7"),
      Optional.of("Mozilla/5.0"), Optional.of("https://www.example.de/kontakt"), Optional.of("de-DE"));
  private static final FormConfig FORM = TestConfig.form("web-leads", List.of(
      field("firstName", FieldType.TEXT),
      field("lastName", "Last <b>name</b>", FieldType.TEXT, true),
      field("email", FieldType.EMAIL),
      field("company", FieldType.TEXT),
      field("phone", FieldType.PHONE),
      field("city", FieldType.TEXT),
      field("message", FieldType.TEXTAREA),
      field("budget", FieldType.TEXT),
      field("products", FieldType.TEXT),
      field("doNotCall", FieldType.TEXT)), List.of(TestConfig.emailConsent("newsletterOptIn")));

  private final WebToLeadHook hook = hook(settings -> {});

  @Test
  void maps_salesforce_parameters_custom_field_ids_and_consent_boxes_to_the_form_fields() {
    RecordingIntake intake = RecordingIntake.accepting();
    String body = "oid=" + OID + "&retURL=https%3A%2F%2Fwww.example.de%2Fdanke&first_name=Ada&last_name=Lovelace"
        + "&email=ada%40example.de&company=Analytical+Engines&phone=%2B49+30+1234567&city=Berlin"
        + "&description=Please+call%0D%0Aafter+10&" + CUSTOM_BUDGET + "=50000&" + CUSTOM_PRODUCTS + "=Gateway&"
        + CUSTOM_PRODUCTS + "=Consent&newsletterOptIn=1&doNotCall=1&lead_source=Web&salutation=Ms.&debug=1"
        + "&debugEmail=x%40example.de&00N5j00000Unkno=x&unknown=ignored";

    hook.handle(post(Map.of("encoding", List.of("UTF-8")), body), intake);

    Submission submission = intake.submissions().get(0);
    assertEquals(Map.ofEntries(Map.entry("firstName", List.of("Ada")), Map.entry("lastName", List.of("Lovelace")),
        Map.entry("email", List.of("ada@example.de")), Map.entry("company", List.of("Analytical Engines")),
        Map.entry("phone", List.of("+49 30 1234567")), Map.entry("city", List.of("Berlin")),
        Map.entry("message", List.of("Please call\r\nafter 10")), Map.entry("budget", List.of("50000")),
        Map.entry("products", List.of("Gateway;Consent")), Map.entry("newsletterOptIn", List.of("1")),
        Map.entry("doNotCall", List.of("1"))), submission.values());
    assertEquals("web-leads", submission.formId());
    assertEquals(NOW, submission.receivedAt());
    assertEquals("application/x-www-form-urlencoded; charset=UTF-8", submission.contentType());
    assertEquals(body, submission.body());
    assertEquals(VISITOR, submission.context());
    assertEquals(Optional.empty(), submission.idempotencyKey());
    assertEquals(Optional.empty(), submission.crmRecordId());
  }

  @Test
  void decodes_the_body_in_the_encoding_the_form_names_and_in_utf_8_by_default() {
    RecordingIntake intake = RecordingIntake.accepting();

    hook.handle(post(Map.of("encoding", List.of("ISO-8859-1")), "oid=" + OID + "&last_name=M%FCller&city=K%F6ln"),
        intake);
    hook.handle(post(Map.of(), "oid=" + OID + "&last_name=M%C3%BCller&city=K%C3%B6ln"), intake);

    for (Submission submission : intake.submissions()) {
      assertEquals(List.of("Müller"), submission.values().get("lastName"));
      assertEquals(List.of("Köln"), submission.values().get("city"));
    }
    assertEquals("application/x-www-form-urlencoded; charset=ISO-8859-1", intake.submissions().get(0).contentType());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "oid=", "oid=00D5j000001uvaT", "oid=00D5j000009XyZW", "oid=00D5j000001uVa",
      "oids=00D5j000001uVaT"})
  void refuses_a_post_without_the_configured_organization_id_with_403_and_stores_nothing(String oid) {
    RecordingIntake intake = RecordingIntake.accepting();

    HookResponse answer = hook.handle(post(Map.of(), oid + "&last_name=Lovelace"), intake);

    assertEquals(403, answer.status());
    assertEquals(List.of(), intake.submissions());
  }

  @Test
  void takes_the_eighteen_character_form_of_the_organization_id() {
    RecordingIntake intake = RecordingIntake.accepting();

    assertEquals(200, hook.handle(post(Map.of(), "oid=" + OID + "EAU&last_name=Lovelace"), intake).status());
    assertEquals(1, intake.submissions().size());
  }

  @Test
  void sends_the_visitor_on_to_a_return_url_on_a_listed_host_with_303() {
    HookResponse answer = hook.handle(post(Map.of(),
        "oid=" + OID + "&retURL=https%3A%2F%2Fwww.example.de%2Fdanke%3Fsource%3Dw2l&last_name=Lovelace"),
        RecordingIntake.accepting());

    assertEquals(303, answer.status());
    assertEquals(Map.of("Location", "https://www.example.de/danke?source=w2l"), answer.headers());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "https%3A%2F%2Fwww.example.de%40evil.example",
      "https%3A%2F%2Fevil.example%5C%40www.example.de", "javascript%3Aalert(1)", "http%3A%2F%2Fwww.example.de%2F", ""})
  void thanks_the_visitor_on_its_own_page_instead_of_following_an_unlisted_return_url(String retUrl) {
    RecordingIntake intake = RecordingIntake.accepting();

    HookResponse answer = hook.handle(post(Map.of(), "oid=" + OID + "&retURL=" + retUrl + "&last_name=Lovelace"),
        intake);

    assertEquals(200, answer.status());
    assertEquals(Map.of(), answer.headers());
    assertEquals("text/html; charset=utf-8", answer.contentType());
    assertTrue(text(answer).contains("Thank you"), text(answer));
    assertFalse(text(answer).contains("evil"), text(answer));
    assertEquals(1, intake.submissions().size(), "the lead is stored all the same");
  }

  @Test
  void answers_an_invalid_post_with_a_400_page_listing_the_escaped_problems() {
    RecordingIntake intake = RecordingIntake.answering(submission -> new Outcome.Invalid(List.of(
        new FieldProblem("lastName", "is required"), new FieldProblem("email", "is not <valid> & \"plausible\""))));

    HookResponse answer = hook.handle(post(Map.of(),
        "oid=" + OID + "&retURL=https%3A%2F%2Fwww.example.de%2Fdanke&email=%3Cscript%3E"), intake);

    assertEquals(400, answer.status());
    assertEquals("text/html; charset=utf-8", answer.contentType());
    assertEquals(Map.of(), answer.headers(), "no redirect: the visitor must see what to correct");
    String page = text(answer);
    assertTrue(page.contains("<li>Last &lt;b&gt;name&lt;/b&gt;: is required</li>"), page);
    assertTrue(page.contains("<li>email: is not &lt;valid&gt; &amp; &quot;plausible&quot;</li>"), page);
    assertFalse(page.contains("<script>") || page.contains("<b>"), page);
  }

  @Test
  void passes_a_hidden_idempotency_token_so_that_a_double_submit_is_a_replay() {
    RecordingIntake intake = RecordingIntake.accepting();
    String body = "oid=" + OID + "&last_name=Lovelace&" + Submission.TOKEN_FIELD + "=form-4711";

    hook.handle(post(Map.of(), body), intake);
    hook.handle(post(Map.of(), body), intake);

    assertEquals(List.of("form-4711", "form-4711"), intake.keys());
  }

  @Test
  void lets_a_storage_failure_through_for_the_web_application_to_answer_503() {
    RecordingIntake failing = RecordingIntake.answering(submission -> {
      throw new StorageUnavailableException("commit timed out", null);
    });

    assertThrows(StorageUnavailableException.class,
        () -> hook.handle(post(Map.of(), "oid=" + OID + "&last_name=Lovelace"), failing));
  }

  @Test
  void refuses_what_is_no_form_post_it_can_read() {
    RecordingIntake intake = RecordingIntake.accepting();
    String body = "oid=" + OID + "&last_name=Lovelace";

    HookResponse get = hook.handle(request("GET", "application/x-www-form-urlencoded", Map.of(), body), intake);
    assertEquals(405, get.status());
    assertEquals(Map.of("Allow", "POST"), get.headers());
    assertEquals(415, hook.handle(request("POST", "application/json", Map.of(), body), intake).status());
    assertEquals(400, hook.handle(post(Map.of("encoding", List.of("klingon-8")), body), intake).status());
    assertEquals(400, hook.handle(post(Map.of(), body + "&city=K%F"), intake).status());
    assertEquals(List.of(), intake.submissions());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void refuses_bad_settings_naming_the_key(String key, Consumer<Map<String, Object>> change) {
    ConfigException error = assertThrows(ConfigException.class, () -> hook(change));

    assertEquals("crm.settings.webToLead." + key, error.key());
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("returnUrl", settings -> settings.put("returnUrl", "https://www.example.de/")),
        bad("organizationId", settings -> settings.remove("organizationId")),
        bad("organizationId", settings -> settings.put("organizationId", "00D5j000001uVa")),
        bad("form", settings -> settings.put("form", "no-such-form")),
        bad("fields.first_name", settings -> settings.put("fields", Map.of("first_name", "vorname"))),
        bad("fields.newsletterOptIn", settings -> settings.put("fields", Map.of("newsletterOptIn", "email"))),
        bad("customFields.00N5j00000AbCd", settings -> settings.put("customFields", Map.of("00N5j00000AbCd", "budget"))),
        bad("customFields." + CUSTOM_BUDGET, settings -> settings.put("customFields", Map.of(CUSTOM_BUDGET, "etat"))),
        bad("returnHosts[0]", settings -> settings.put("returnHosts", List.of("www.example.de/danke"))),
        bad("allowHttpReturn", settings -> settings.put("allowHttpReturn", "sometimes")));
  }

  private static Arguments bad(String key, Consumer<Map<String, Object>> change) {
    return Arguments.of(key, change);
  }

  private static WebToLeadHook hook(Consumer<Map<String, Object>> change) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("organizationId", OID);
    settings.put("form", FORM.id());
    settings.put("returnHosts", List.of("www.example.de"));
    settings.put("fields", Map.of("description", "message"));
    settings.put("customFields", Map.of(CUSTOM_BUDGET, "budget", CUSTOM_PRODUCTS, "products"));
    change.accept(settings);
    return WebToLeadHook.from(TestConfig.section("crm.settings.webToLead", settings), List.of(FORM));
  }

  private static HookRequest post(Map<String, List<String>> query, String body) {
    return request("POST", "application/x-www-form-urlencoded", query, body);
  }

  private static HookRequest request(String method, String contentType, Map<String, List<String>> query,
      String body) {
    return new HookRequest(method, query, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8),
        VISITOR, NOW);
  }

  private static String text(HookResponse answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
