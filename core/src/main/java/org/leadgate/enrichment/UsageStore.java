package org.leadgate.enrichment;

import java.util.List;

/**
 * Durable counts of provider calls per period, shared by every gateway on one database so that a call budget holds
 * across restarts and instances.
 */
public interface UsageStore {

  /** One period's limit, e.g. {@code day:2026-11-23} at most 1000 calls. */
  record Limit(String period, long max) {}

  /**
   * Counts one call of {@code provider} in every period of {@code limits} if each is below its maximum, all or
   * nothing; false (and nothing counted) when any is spent.
   */
  boolean tryCount(String provider, List<Limit> limits);

  /** Calls counted for {@code provider} in {@code period} so far. */
  long used(String provider, String period);
}
