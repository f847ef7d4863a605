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
 * @param interval how often the emptiest chunks are rewritten
 * @param retention how long the space of a chunk no longer in use is kept before it is written over
 *     (H2's RETENTION_TIME; H2 assumes the operating system wrote it to disk by then)
 * @param targetFillRate the share of live data in the file's chunks, in percent, below which chunks
 *     are rewritten
 * @param maxRewrite how many bytes of live pages one round rewrites at most; commits wait meanwhile
 */
@ConfigurationProperties("journeys.h2")
public record H2FileProperties(
    @DefaultValue("true") boolean maintenance,
    @DefaultValue("1s") Duration interval,
    @DefaultValue("45s") Duration retention,
    @DefaultValue("50") int targetFillRate,
    @DefaultValue("2MB") DataSize maxRewrite) {

  public H2FileProperties {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("journeys.h2.interval must be positive, was " + interval);
    }
    if (retention.isNegative()) {
      throw new IllegalArgumentException("journeys.h2.retention must not be negative, was " + retention);
    }
    if (targetFillRate < 1 || targetFillRate > 99) {
      throw new IllegalArgumentException(
          "journeys.h2.target-fill-rate must be between 1 and 99, was " + targetFillRate);
    }
  }
}
