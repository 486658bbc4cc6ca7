package org.leadgate.enrichment.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.LookupQuery;
import org.leadgate.enrichment.ProviderResult;
import org.leadgate.enrichment.Region;
import org.leadgate.testing.InMemoryUsageStore;
import org.leadgate.testing.MutableClock;

/** A guarded scripted provider on a clock that tests move, with waits that move the clock and are recorded. */
final class GuardFixture {
  static final ProviderResult.Found ACME =
      new ProviderResult.Found(Map.of("company", EnrichedValue.certain("ACME GmbH")));
  static final ProviderResult.NoMatch NO_MATCH = new ProviderResult.NoMatch();
  static final LookupQuery QUERY = LookupQuery.of("domain", "acme.de");
  static final Duration PLENTY = Duration.ofSeconds(30);

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final InMemoryUsageStore usage = new InMemoryUsageStore();
  final ScriptedProvider provider = new ScriptedProvider(clock);
  final List<Duration> waits = new ArrayList<>();

  /** The policy of a provider entry written in YAML, e.g. {@code "retry: {attempts: 3}"}. */
  static ProviderPolicy policy(String yaml) {
    return ProviderPolicy.from(entry(yaml), Region.THIRD_COUNTRY);
  }

  static ConfigNode entry(String yaml) {
    try {
      return ConfigNode.of(new ObjectMapper(new YAMLFactory()).readTree("name: pdl\n" + yaml),
          "enrichment.providers[0]");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  GuardedProvider guard(String yaml) {
    return new GuardedProvider("pdl", "people-data-labs", provider, policy(yaml), clock, usage, duration -> {
      waits.add(duration);
      clock.advance(duration);
    });
  }

  static LookupQuery query(int n) {
    return LookupQuery.of("domain", "company" + n + ".de");
  }

  static ProviderResult.Found found(double likelihood) {
    return new ProviderResult.Found(ACME.fields(), OptionalDouble.of(likelihood));
  }

  static ProviderResult.Failed failed(ProviderResult.Kind kind) {
    return new ProviderResult.Failed(kind, kind + " for the test");
  }
}
