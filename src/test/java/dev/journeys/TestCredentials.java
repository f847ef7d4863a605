package dev.journeys;

/** The plain logins and API tokens whose hashes src/test/resources/config/application.yml configures. */
public final class TestCredentials {

  public static final String ADMIN_TOKEN = "test-admin-token";
  public static final String SHOP_TOKEN = "test-shop-token";
  public static final String VIEWER_TOKEN = "test-viewer-token";
  public static final String OPERATOR_TOKEN = "test-operator-token";
  /** Role metrics: /actuator/prometheus and nothing else, as a Prometheus scraper's token. */
  public static final String METRICS_TOKEN = "test-metrics-token";
  public static final String MARKETER_TOKEN = "test-marketer-token";

  public static final String VIEWER_PASSWORD = "viewer-password";
  public static final String OPERATOR_PASSWORD = "operator-password";
  public static final String ADMIN_PASSWORD = "admin-password";
  public static final String MARKETER_PASSWORD = "marketer-password";

  private TestCredentials() {}

  /** The Authorization header value of a token. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }
}
