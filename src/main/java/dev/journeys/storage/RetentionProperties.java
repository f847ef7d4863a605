package dev.journeys.storage;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each kind of data is kept, and how the purge runs.
 *
 * @param keep per kind (see {@link #DEFAULTS}); a kind set to 0 is kept for ever
 * @param interval how often the purge looks for expired data (in one instance at a time)
 * @param batchSize rows per delete: each batch is its own short transaction
 * @param pause the rest between two batches, so the purge never holds up the intake or the engine
 */
@ConfigurationProperties("journeys.retention")
public record RetentionProperties(
    @DefaultValue("true") boolean enabled,
    Map<String, Duration> keep,
    @DefaultValue("1h") Duration interval,
    @DefaultValue("500") int batchSize,
    @DefaultValue("20ms") Duration pause) {

  /**
   * Raw webhook bodies 30 days (they hold contact data and are needed only to retry); rendered
   * copies in the sandbox 30 days; message records 13 months, so one-year results stay comparable.
   */
  public static final Map<String, Duration> DEFAULTS = Map.of(
      "webhook-payloads", Duration.ofDays(30),
      "sandbox-messages", Duration.ofDays(30),
      "message-records", Duration.ofDays(396));

  public RetentionProperties {
    Map<String, Duration> merged = new TreeMap<>(DEFAULTS);
    if (keep != null) {
      merged.putAll(keep);
    }
    keep = Map.copyOf(merged);
    if (batchSize < 1) {
      throw new IllegalArgumentException("Expected journeys.retention.batch-size to be at least 1, but it is " + batchSize);
    }
  }
}
