package dev.journeys.notify.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Google service account's JSON key: who we are (client_email), the RSA key we sign with, and the
 * project and token endpoint it belongs to. Read once at start-up; a bad key stops the app with the
 * field named rather than failing every push later.
 */
record ServiceAccount(String clientEmail, PrivateKey privateKey, String privateKeyId, String projectId, String tokenUri) {

  static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

  static ServiceAccount from(PushProperties properties) {
    String json;
    String source;
    if (properties.credentialsFile() != null && !properties.credentialsFile().isBlank()) {
      source = "journeys.push.credentials-file";
      try {
        json = Files.readString(Path.of(properties.credentialsFile()));
      } catch (IOException e) {
        throw new IllegalStateException("Expected " + source + " to be a readable service account key, but: " + e.getMessage(), e);
      }
    } else {
      source = "journeys.push.credentials-json";
      json = properties.credentialsJson();
    }
    ServiceAccount account = parse(json, source);
    String project = blank(properties.projectId()) ? account.projectId() : properties.projectId();
    String tokenUri = !blank(properties.tokenUri()) ? properties.tokenUri()
        : blank(account.tokenUri()) ? GOOGLE_TOKEN_URI : account.tokenUri();
    if (blank(project)) {
      throw new IllegalStateException("Expected " + source + " to have project_id, or journeys.push.project-id to be set, but neither is");
    }
    return new ServiceAccount(account.clientEmail(), account.privateKey(), account.privateKeyId(), project, tokenUri);
  }

  static ServiceAccount parse(String json, String source) {
    JsonNode key;
    try {
      key = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Expected " + source + " to be JSON, but it is not", e);
    }
    return new ServiceAccount(required(key, "client_email", source), privateKey(required(key, "private_key", source), source),
        key.path("private_key_id").asText(null), key.path("project_id").asText(null), key.path("token_uri").asText(null));
  }

  private static PrivateKey privateKey(String pem, String source) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("Expected private_key of " + source + " to be a PKCS#8 RSA key in PEM, but it is not", e);
    }
  }

  private static String required(JsonNode key, String field, String source) {
    String value = key.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalStateException("Expected " + source + " to have field " + field + ", but it does not");
    }
    return value;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** Never print the key. */
  @Override
  public String toString() {
    return "ServiceAccount[" + clientEmail + ", project " + projectId + "]";
  }
}
