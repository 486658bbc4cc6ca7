package org.leadgate.enrichment.guard;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.leadgate.config.ConfigNode;
import org.leadgate.enrichment.Region;

/**
 * How the gateway guards one remote provider: where it processes data, how long one call may take, which answers
 * count, and its cache, call budget, circuit breaker and retry.
 *
 * @param region where the provider processes the data sent to it
 * @param timeout the longest one call may take
 * @param minLikelihood found results whose likelihood is below it count as no match
 */
public record ProviderPolicy(Region region, Duration timeout, double minLikelihood, Caching cache, Budget budget,
    Breaker circuitBreaker, Retries retry) {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  public ProviderPolicy {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    Objects.requireNonNull(retry, "retry");
  }

  /**
   * How long answers are kept.
   *
   * @param ttl for found results
   * @param negativeTtl for no-match answers
   * @param maxSize the most answers kept
   */
  public record Caching(Duration ttl, Duration negativeTtl, int maxSize) {}

  /** The most calls per UTC day and per UTC month, each optional. */
  public record Budget(OptionalLong daily, OptionalLong monthly) {}

  /**
   * When the circuit opens: at {@code failureRate} % failed or {@code slowCallRate} % slower than {@code slowCall}
   * among the last {@code window} calls (once {@code minimumCalls} were made); it stays open {@code openFor}, then
   * lets {@code halfOpenCalls} trial calls through.
   */
  public record Breaker(int failureRate, Duration slowCall, int slowCallRate, int window, int minimumCalls,
      Duration openFor, int halfOpenCalls) {}

  /**
   * How transient failures are retried within a lead's time.
   *
   * @param attempts tries in all, the first included
   * @param backoff the wait before the first retry, doubled for each further one (at most {@code maxWait})
   * @param maxWait the longest {@code Retry-After} honoured by waiting; a longer one ends the lookup
   */
  public record Retries(int attempts, Duration backoff, Duration maxWait) {}

  /**
   * Reads the guard's keys of one {@code enrichment.providers[i]} entry; its {@code name}, {@code type} and
   * {@code settings} are read elsewhere.
   */
  public static ProviderPolicy from(ConfigNode provider, Region defaultRegion) {
    provider.allowOnly("name", "type", "settings", "region", "timeout", "minLikelihood", "cache", "budget",
        "circuitBreaker", "retry");
    Duration timeout = positiveDuration(provider, "timeout", DEFAULT_TIMEOUT);
    return new ProviderPolicy(
        region(provider, defaultRegion),
        timeout,
        likelihood(provider, "minLikelihood"),
        caching(provider.section("cache")),
        budget(provider.section("budget")),
        breaker(provider.section("circuitBreaker"), timeout),
        retries(provider.section("retry")));
  }

  private static Region region(ConfigNode node, Region defaultRegion) {
    return node.optionalString("region")
        .map(id -> Region.byId(id).orElseThrow(() -> node.error("region", "must be one of "
            + Arrays.stream(Region.values()).map(Region::id).collect(Collectors.joining(", "))
            + " but was '" + id + "'")))
        .orElse(defaultRegion);
  }

  private static double likelihood(ConfigNode node, String key) {
    String text = node.optionalString(key).orElse("0");
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw node.error(key, "must be a number from 0 to 1 but was '" + text + "'");
    }
    if (!(value >= 0 && value <= 1)) {
      throw node.error(key, "must be a number from 0 to 1 but was " + text);
    }
    return value;
  }

  private static Caching caching(ConfigNode node) {
    node.allowOnly("ttl", "negativeTtl", "maxSize");
    return new Caching(
        node.duration("ttl", Duration.ofDays(30)),
        node.duration("negativeTtl", Duration.ofDays(7)),
        node.integer("maxSize", 100_000, 0, Integer.MAX_VALUE));
  }

  private static Budget budget(ConfigNode node) {
    node.allowOnly("daily", "monthly");
    return new Budget(limit(node, "daily"), limit(node, "monthly"));
  }

  private static OptionalLong limit(ConfigNode node, String key) {
    return node.optionalString(key).isPresent()
        ? OptionalLong.of(node.integer(key, 0, 1, Integer.MAX_VALUE))
        : OptionalLong.empty();
  }

  private static Breaker breaker(ConfigNode node, Duration timeout) {
    node.allowOnly("failureRate", "slowCall", "slowCallRate", "window", "minimumCalls", "openFor", "halfOpenCalls");
    int window = node.integer("window", 20, 1, 10_000);
    int minimumCalls = node.integer("minimumCalls", Math.min(10, window), 1, 10_000);
    if (minimumCalls > window) {
      throw node.error("minimumCalls", "must not exceed window (" + window + ") but was " + minimumCalls);
    }
    return new Breaker(
        node.integer("failureRate", 50, 1, 100),
        positiveDuration(node, "slowCall", timeout),
        node.integer("slowCallRate", 50, 1, 100),
        window,
        minimumCalls,
        positiveDuration(node, "openFor", Duration.ofSeconds(60)),
        node.integer("halfOpenCalls", 3, 1, 1_000));
  }

  private static Retries retries(ConfigNode node) {
    node.allowOnly("attempts", "backoff", "maxWait");
    return new Retries(
        node.integer("attempts", 2, 1, 10),
        node.duration("backoff", Duration.ofMillis(200)),
        node.duration("maxWait", Duration.ofSeconds(5)));
  }

  private static Duration positiveDuration(ConfigNode node, String key, Duration defaultValue) {
    Duration value = node.duration(key, defaultValue);
    if (value.isZero()) {
      throw node.error(key, "must be longer than zero");
    }
    return value;
  }
}
