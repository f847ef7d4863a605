package dev.journeys.notify.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push through Firebase Cloud Messaging's HTTP v1 API with a service account. Without credentials,
 * push goes to the sandbox (table sandbox_push, GET /api/sandbox/push).
 *
 * @param credentialsFile path of the service account's JSON key file; never commit one
 * @param credentialsJson the same JSON inline (e.g. from a secret store's environment variable);
 *     used when credentialsFile is unset
 * @param projectId the Firebase project; unset, the key's project_id
 * @param tokenUri where the signed assertion is exchanged for an access token; unset, the key's
 *     token_uri (Google's); tests point it at WireMock
 * @param baseUrl FCM's root; tests point it at WireMock
 * @param maxTitle the longest title a push may have, in characters
 * @param maxBody the longest body a push may have, in characters
 * @param timeout how long one call may take before it counts as a provider failure
 */
@ConfigurationProperties("journeys.push")
record PushProperties(
    String credentialsFile,
    String credentialsJson,
    String projectId,
    String tokenUri,
    @DefaultValue("https://fcm.googleapis.com") String baseUrl,
    @DefaultValue("65") int maxTitle,
    @DefaultValue("240") int maxBody,
    @DefaultValue("10s") Duration timeout) {

  boolean sandbox() {
    return blank(credentialsFile) && blank(credentialsJson);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
