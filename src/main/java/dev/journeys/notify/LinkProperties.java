package dev.journeys.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that sign customers' links and how long links that change something stay valid.
 *
 * @param keys signing keys by id (at least 32 characters each), e.g. from environment variables
 * @param keysDir a directory of key files, as Docker and Kubernetes mount secrets: the file name is
 *     the key id, its content the key
 * @param keyId the key that signs new links; needed when more than one key is configured
 * @param retiredKeyIds keys whose links are refused from now on (remove a retired key afterwards)
 * @param lifetime how long links of a purpose stay valid (preferences, feedback); purposes not
 *     listed never expire (an unsubscribe link works as long as the email exists)
 * @param freshLinkInterval how often one customer may have a fresh link sent for an expired one
 */
@ConfigurationProperties("journeys.links")
record LinkProperties(
    Map<String, String> keys,
    Path keysDir,
    String keyId,
    List<String> retiredKeyIds,
    Map<String, Duration> lifetime,
    @DefaultValue("10m") Duration freshLinkInterval) {

  static final Map<String, Duration> DEFAULT_LIFETIMES =
      Map.of("preferences", Duration.ofDays(90), "feedback", Duration.ofDays(90));

  static final LinkProperties DEFAULTS = new LinkProperties(null, null, null, null, null, Duration.ofMinutes(10));

  LinkProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    retiredKeyIds = retiredKeyIds == null ? List.of() : List.copyOf(retiredKeyIds);
    Map<String, Duration> merged = new TreeMap<>(DEFAULT_LIFETIMES);
    if (lifetime != null) {
      merged.putAll(lifetime);
    }
    lifetime = Map.copyOf(merged);
  }
}
