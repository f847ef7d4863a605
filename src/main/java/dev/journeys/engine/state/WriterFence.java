package dev.journeys.engine.state;

/**
 * Checked by the single writer inside every batch, just before it commits: a writer that no longer
 * holds the database's writer lease must not commit anything.
 */
@FunctionalInterface
public interface WriterFence {

  /** No fence: for an engine that owns its database by construction. */
  WriterFence NONE = sql -> {};

  /** Throws {@link WriterLeaseLostException} when this writer no longer holds the lease. */
  void check(Sql writerSql);
}
