package org.leadgate.crm.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leadgate.config.ConfigNode;
import org.leadgate.spi.PluginContext;
import org.leadgate.testing.MutableClock;

/** {@code crm.settings} for tests, starting from a JWT bearer login against an emulator. */
final class TestSettings {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, Object> values = new LinkedHashMap<>();

  private TestSettings() {}

  static TestSettings jwtBearer(SalesforceEmulator salesforce) {
    return new TestSettings()
        .with("loginUrl", salesforce.baseUrl())
        .with("auth", Map.of(
            "flow", "jwt-bearer",
            "clientId", SalesforceEmulator.CLIENT_ID,
            "username", SalesforceEmulator.USERNAME,
            "privateKey", SalesforceEmulator.privateKeyPem()));
  }

  static TestSettings clientCredentials(String loginUrl, String secret) {
    return new TestSettings()
        .with("loginUrl", loginUrl)
        .with("auth", Map.of(
            "flow", "client-credentials",
            "clientId", SalesforceEmulator.CLIENT_ID,
            "clientSecret", secret));
  }

  TestSettings with(String key, Object value) {
    values.put(key, value);
    return this;
  }

  ConfigNode node() {
    return ConfigNode.of(MAPPER.valueToTree(values), "crm.settings");
  }

  PluginContext context(Clock clock) {
    return new PluginContext(node(), Path.of("target", "test-data"), clock);
  }

  /** The adapter, its bulk backfill waiting by moving {@code clock}. */
  SalesforceAdapter adapter(MutableClock clock) {
    return (SalesforceAdapter) new SalesforceAdapterFactory(clock::advance).create(context(clock));
  }
}
