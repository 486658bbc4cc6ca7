package org.leadgate.crm.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;

/** Bad settings stop startup with an error that names the key, and for templates the placeholder and its place. */
class ConfigErrorsTest {
  private static final String BASE = "baseUrl: https://crm.example.com\n";
  private static final String CREATE = "create: {path: /leads, body: '{}'}\n";

  @Test
  void anUnknownLeadPathInABodyNamesTheTemplateThePlaceAndThePlaceholder() {
    ConfigException e = error(BASE + "create: {path: /leads, body: '{\"properties\": {\"email\": \"{{fieldz.email}}\"}}'}");

    assertEquals("crm.settings.create.body", e.key());
    assertTrue(e.getMessage().contains("at /properties/email: {{fieldz.email}} is not a lead value"), e.getMessage());
  }

  @Test
  void anUnknownScoringValueInAPathNamesThePath() {
    ConfigException e = error(BASE + CREATE + "update: {path: '/leads/{{scoring.points}}', body: '{}'}");

    assertEquals("crm.settings.update.path", e.key());
    assertTrue(e.getMessage().contains("{{scoring.points}} is not a lead value: expected scoring or scoring.<score|"),
        e.getMessage());
  }

  @Test
  void aBadPlaceholderInAHeaderNamesTheHeader() {
    assertEquals("crm.settings.headers.X-Lead", error(BASE + CREATE + "headers: {X-Lead: '{{lead.id}}'}").key());
  }

  @Test
  void aBadPartNamesTheListEntry() {
    assertEquals("crm.settings.parts[0].json",
        error(BASE + CREATE + "parts: [{name: p, json: '{\"a\": \"{{consent.fax.x.permitted}}\"}'}]").key());
  }

  @Test
  void anUnknownValueMapInABatchItemNamesTheItem() {
    ConfigException e = error(BASE + """
        batch: {limit: 10, path: /batch, body: '{"in": "{{items}}"}', item: '{"s": "{{scoring.stage | stages}}"}'}
        """);

    assertEquals("crm.settings.batch.item", e.key());
    assertTrue(e.getMessage().contains("names no value map 'stages'"), e.getMessage());
  }

  @Test
  void aBadTemplateInAnOverrideOfAPresetNamesTheConfiguredKey() {
    ConfigException e = error("""
        preset: hubspot-contacts
        auth: {token: t}
        parts: [{name: properties, json: '{"email": "{{fields.e-mail}}"}'}]
        """);

    assertEquals("crm.settings.parts[0].json", e.key());
    assertTrue(e.getMessage().contains("{{fields.e-mail}}"), e.getMessage());
  }

  @Test
  void anUnknownPresetListsTheShippedOnes() {
    ConfigException e = error("preset: salesforce-leads\n");

    assertEquals("crm.settings.preset", e.key());
    assertTrue(e.getMessage().contains("hubspot-contacts, pipedrive-persons"), e.getMessage());
  }

  @Test
  void aPresetNeedsOnlyItsSecretAndConfiguredAuthOfAnotherTypeReplacesThePresets() {
    TestSettings.adapter("preset: pipedrive-persons\nauth: {value: k}\n", java.time.Clock.systemUTC()).close();
    TestSettings.adapter("""
        preset: pipedrive-persons
        auth: {type: oauth2, tokenUrl: 'https://oauth.pipedrive.com/oauth/token', clientId: c, clientSecret: s}
        """, java.time.Clock.systemUTC()).close();

    assertEquals("crm.settings.auth.value", error("preset: pipedrive-persons\n").key());
  }

  @Test
  void anUnknownKeyInAnOverriddenPresetSectionIsNamed() {
    assertEquals("crm.settings.batch.size", error("preset: hubspot-contacts\nauth: {token: t}\nbatch: {size: 10}\n").key());
  }

  @Test
  void theShortFormCannotBeMixedWithTheFullOne() {
    assertEquals("crm.settings.url", error("url: https://crm.example.com/leads\n" + BASE).key());
    assertEquals("crm.settings.header", error(BASE + CREATE + "header: {name: A, value: b}").key());
  }

  @Test
  void headersCannotUseLeadValuesWhileBatchesCarryManyLeads() {
    ConfigException e = error(BASE + """
        headers: {X-Lead: '{{leadId}}'}
        batch: {limit: 10, path: /batch, body: '"{{items}}"', item: '{}'}
        """);

    assertEquals("crm.settings.headers", e.key());
  }

  @Test
  void aBatchPathCannotUseLeadValues() {
    assertEquals("crm.settings.batch.path",
        error(BASE + "batch: {limit: 10, path: '/b/{{leadId}}', body: '\"{{items}}\"', item: '{}'}").key());
  }

  @Test
  void aBatchNeedsItsLimitAndReadsIdsOnlyFromResults() {
    assertEquals("crm.settings.batch.limit", error(BASE + "batch: {path: /b, body: '\"{{items}}\"', item: '{}'}").key());
    assertEquals("crm.settings.batch.recordId",
        error(BASE + "batch: {limit: 5, path: /b, body: '\"{{items}}\"', item: '{}', recordId: /id}").key());
    assertEquals("crm.settings.batch.matchBy.item", error(BASE
        + "batch: {limit: 5, body: '\"{{items}}\"', item: '{}', results: /r, matchBy: {item: x, result: /e}}").key());
  }

  @Test
  void newLeadsNeedACreateOrABatch() {
    assertEquals("crm.settings.create", error(BASE + "update: {path: '/l/{{crm.id}}', body: '{}'}").key());
  }

  @Test
  void operationsTakeOnlyKnownKeysAndWriteMethods() {
    assertEquals("crm.settings.create.query", error(BASE + "create: {path: /l, body: '{}', query: x}").key());
    assertEquals("crm.settings.create.method", error(BASE + "create: {method: DELETE, path: /l, body: '{}'}").key());
    assertEquals("crm.settings.create.recordId", error(BASE + "create: {body: '{}', recordId: id}").key());
    assertEquals("crm.settings.missing", error(BASE + CREATE + "missing: skip").key());
  }

  @Test
  void authAndSigningAreChecked() {
    assertEquals("crm.settings.auth.type", error(BASE + CREATE + "auth: {type: digest}").key());
    assertEquals("crm.settings.auth.secret", error(BASE + CREATE + "auth: {type: bearer, token: t, secret: s}").key());
    assertEquals("crm.settings.signing.canonical",
        error(BASE + CREATE + "signing: {secret: s, canonical: '{timestamp}.{url}'}").key());
    assertEquals("crm.settings.signing.secret", error(BASE + CREATE + "signing: {encoding: hex}").key());
  }

  @Test
  void aHeaderTheAdapterOrItsCredentialsSetCannotBeConfigured() {
    assertEquals("crm.settings.headers.Authorization",
        error(BASE + CREATE + "auth: {type: bearer, token: t}\nheaders: {Authorization: x}").key());
    assertEquals("crm.settings.headers.X-Signature",
        error(BASE + CREATE + "signing: {secret: s}\nheaders: {X-Signature: x}").key());
    assertEquals("crm.settings.headers.Idempotency-Key", error(BASE + CREATE + "headers: {Idempotency-Key: x}").key());
  }

  @Test
  void statusListsTakeOnlyClientAndServerErrors() {
    assertEquals("crm.settings.status.retry", error(BASE + CREATE + "status: {retry: [200]}").key());
    assertEquals("crm.settings.status.reject", error(BASE + CREATE + "status: {retry: [409], reject: [409]}").key());
  }

  @Test
  void aSecretWithALineBreakIsRefusedWithoutEchoingIt() {
    ConfigException e = error(BASE + CREATE + "auth: {type: bearer, token: \"to\\nken-s3cret\"}");

    assertEquals("crm.settings.auth.token", e.key());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  private static ConfigException error(String yaml) {
    return assertThrows(ConfigException.class, () -> SettingsReader.read(TestSettings.yaml(yaml)));
  }
}
