package dev.journeys.engine.spring;

import io.camunda.client.spring.properties.CamundaClientProperties;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * With journeys.engine.tls.* the embedded engine serves TLS only, so the app's own Camunda client must
 * dial https and trust the engine's certificate: once its properties are bound, {@code http://}
 * addresses become {@code https://} and camunda.client.ca-certificate-path defaults to the engine's
 * certificate. (The certificate must name the address the client dials, journeys.engine.host.)
 */
final class EngineClientTls implements BeanPostProcessor {

  private final Environment environment;

  EngineClientTls(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    String certificate = environment.getProperty("journeys.engine.tls.certificate");
    if (bean instanceof CamundaClientProperties client && certificate != null && !certificate.isBlank()) {
      client.setGrpcAddress(https(client.getGrpcAddress()));
      client.setRestAddress(https(client.getRestAddress()));
      if (client.getCaCertificatePath() == null || client.getCaCertificatePath().isBlank()) {
        client.setCaCertificatePath(certificate);
      }
    }
    return bean;
  }

  private static URI https(URI address) {
    if (address == null || !"http".equalsIgnoreCase(address.getScheme())) {
      return address;
    }
    try {
      return new URI("https", address.getUserInfo(), address.getHost(), address.getPort(), address.getPath(),
          address.getQuery(), address.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Expected " + address + " to remain a URI with https, but: " + e.getMessage(), e);
    }
  }
}
