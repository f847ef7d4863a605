package dev.journeys.storage;

import java.time.Instant;

/**
 * One kind of data a module keeps only for a while (journeys.retention.*): the module that owns the
 * tables implements it, and {@link Retention} calls it in small batches.
 */
public interface RetentionPurge {

  /** The setting under journeys.retention that says how long this data is kept, e.g. webhook-payloads. */
  String kind();

  /**
   * Deletes about {@code limit} rows older than {@code cutoff} (a few more when expired rows share a
   * key), in short transactions.
   *
   * @return how many rows it deleted; fewer than {@code limit} means nothing older is left
   */
  int purgeBefore(Instant cutoff, int limit);
}
