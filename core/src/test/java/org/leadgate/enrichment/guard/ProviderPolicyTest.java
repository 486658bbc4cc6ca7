package org.leadgate.enrichment.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leadgate.enrichment.guard.GuardFixture.entry;
import static org.leadgate.enrichment.guard.GuardFixture.policy;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leadgate.config.ConfigException;
import org.leadgate.enrichment.Region;

class ProviderPolicyTest {

  @Test
  void an_entry_without_guard_keys_gets_the_defaults() {
    ProviderPolicy policy = ProviderPolicy.from(entry("type: people-data-labs\nsettings: {apiKey: x}"), Region.EU);

    assertEquals(new ProviderPolicy(Region.EU, Duration.ofSeconds(2), 0,
        new ProviderPolicy.Caching(Duration.ofDays(30), Duration.ofDays(7), 100_000),
        new ProviderPolicy.Budget(OptionalLong.empty(), OptionalLong.empty()),
        new ProviderPolicy.Breaker(50, Duration.ofSeconds(2), 50, 20, 10, Duration.ofSeconds(60), 3),
        new ProviderPolicy.Retries(2, Duration.ofMillis(200), Duration.ofSeconds(5))), policy);
  }

  @Test
  void every_guard_key_is_read() {
    ProviderPolicy policy = policy("""
        region: eu
        timeout: 1500ms
        minLikelihood: 0.8
        cache: {ttl: 10d, negativeTtl: 1d, maxSize: 500}
        budget: {daily: 100, monthly: 2000}
        circuitBreaker: {failureRate: 40, slowCall: 1s, slowCallRate: 80, window: 30, minimumCalls: 5,
                         openFor: 2m, halfOpenCalls: 1}
        retry: {attempts: 3, backoff: 100ms, maxWait: 10s}
        """);

    assertEquals(new ProviderPolicy(Region.EU, Duration.ofMillis(1500), 0.8,
        new ProviderPolicy.Caching(Duration.ofDays(10), Duration.ofDays(1), 500),
        new ProviderPolicy.Budget(OptionalLong.of(100), OptionalLong.of(2000)),
        new ProviderPolicy.Breaker(40, Duration.ofSeconds(1), 80, 30, 5, Duration.ofMinutes(2), 1),
        new ProviderPolicy.Retries(3, Duration.ofMillis(100), Duration.ofSeconds(10))), policy);
  }

  @Test
  void a_slow_call_is_by_default_one_that_takes_the_whole_timeout() {
    assertEquals(Duration.ofSeconds(3), policy("timeout: 3s").circuitBreaker().slowCall());
  }

  @Test
  void a_small_window_lowers_the_default_minimum_of_calls() {
    assertEquals(4, policy("circuitBreaker: {window: 4}").circuitBreaker().minimumCalls());
  }

  static Stream<Arguments> badEntries() {
    return Stream.of(
        Arguments.of("region: moon", "region"),
        Arguments.of("retries: {attempts: 3}", "retries"),
        Arguments.of("timeout: 0s", "timeout"),
        Arguments.of("timeout: soon", "timeout"),
        Arguments.of("minLikelihood: 1.5", "minLikelihood"),
        Arguments.of("minLikelihood: high", "minLikelihood"),
        Arguments.of("cache: {ttl: forever}", "cache.ttl"),
        Arguments.of("cache: {maxSize: -1}", "cache.maxSize"),
        Arguments.of("cache: 30d", "cache"),
        Arguments.of("budget: {daily: 0}", "budget.daily"),
        Arguments.of("budget: {weekly: 10}", "budget.weekly"),
        Arguments.of("circuitBreaker: {failureRate: 0}", "circuitBreaker.failureRate"),
        Arguments.of("circuitBreaker: {slowCallRate: 101}", "circuitBreaker.slowCallRate"),
        Arguments.of("circuitBreaker: {window: 5, minimumCalls: 6}", "circuitBreaker.minimumCalls"),
        Arguments.of("circuitBreaker: {openFor: 0s}", "circuitBreaker.openFor"),
        Arguments.of("circuitBreaker: {windowSize: 5}", "circuitBreaker.windowSize"),
        Arguments.of("retry: {attempts: 0}", "retry.attempts"),
        Arguments.of("retry: {maxWait: -1s}", "retry.maxWait"));
  }

  @ParameterizedTest
  @MethodSource("badEntries")
  void a_bad_value_is_reported_with_its_key(String yaml, String key) {
    ConfigException error = assertThrows(ConfigException.class, () -> policy(yaml));

    assertEquals("enrichment.providers[0]." + key, error.key());
  }

  @Test
  void an_unknown_region_error_lists_the_known_ones() {
    ConfigException error = assertThrows(ConfigException.class, () -> policy("region: us"));

    assertTrue(error.getMessage().contains("local, eu, third-country"), error.getMessage());
  }
}
