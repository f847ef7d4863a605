package dev.journeys.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Upkeep of the embedded H2 file when it writes every commit at once ({@code WRITE_DELAY=0}), which
 * turns off H2's own background upkeep. See {@link H2FileMaintenance}.
 *
 * @param maintenance false leaves the file to H2 alone (it then grows with every commit)
 * @param interval how often the file is synced to disk and its emptiest chunks are rewritten
 * @param retention how long the space of a chunk no longer in use is kept before it is written over;
 *     at least two intervals, so that every chunk written over was synced to disk before
 * @param targetFillRate the share of live data in the file's chunks, in percent, below which chunks
 *     are rewritten
 * @param maxRewrite how many bytes of chunks one round rewrites at most; commits wait while it runs
 */
@ConfigurationProperties("journeys.h2")
public record H2FileProperties(
    @DefaultValue("true") boolean maintenance,
    @DefaultValue("1s") Duration interval,
    @DefaultValue("10s") Duration retention,
    @DefaultValue("80") int targetFillRate,
    @DefaultValue("16MB") DataSize maxRewrite) {

  public H2FileProperties {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("journeys.h2.interval must be positive, was " + interval);
    }
    if (retention.compareTo(interval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "journeys.h2.retention must be at least twice journeys.h2.interval (" + interval
              + "), was " + retention + ": a chunk may only be written over once it was synced to disk");
    }
    if (targetFillRate < 1 || targetFillRate > 99) {
      throw new IllegalArgumentException(
          "journeys.h2.target-fill-rate must be between 1 and 99, was " + targetFillRate);
    }
  }
}
