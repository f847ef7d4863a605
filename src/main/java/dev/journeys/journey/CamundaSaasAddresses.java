package dev.journeys.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Lets {@code camunda.client.mode=saas} work as the Camunda starter documents it (cluster id, region,
 * client id and secret, nothing else) in {@code journeys.engine.mode=camunda}.
 *
 * <p>Why: the packaged application.yml points {@code camunda.client.grpc-address} and
 * {@code rest-address} at the embedded engine, and the starter applies its SaaS address templates
 * with the lowest precedence, so the embedded addresses would win and a SaaS client would dial
 * 127.0.0.1. When, and only when, the effective address is that packaged default, this puts the
 * starter's own SaaS template (read from its {@code modes/saas.yaml}) just above it; an address set
 * anywhere else (environment, command line, another config file) still wins.
 */
class CamundaSaasAddresses implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "journeysCamundaSaasAddresses";
  private static final String PACKAGED_CONFIG = "class path resource [application.yml]";
  private static final String STARTER_SAAS_TEMPLATE = "modes/saas.yaml";
  private static final List<String> ADDRESSES =
      List.of("camunda.client.grpc-address", "camunda.client.rest-address");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!"camunda".equals(environment.getProperty("journeys.engine.mode"))
        || !"saas".equalsIgnoreCase(environment.getProperty("camunda.client.mode"))) {
      return;
    }
    PropertySource<?> template = starterTemplate();
    for (String address : ADDRESSES) {
      PropertySource<?> holder = firstSourceWith(environment, address);
      Object saasAddress = template == null ? null : template.getProperty(address);
      if (holder != null && holder.getName().contains(PACKAGED_CONFIG) && saasAddress != null) {
        putAbove(environment, holder.getName(), address, saasAddress.toString());
      }
    }
  }

  private static PropertySource<?> firstSourceWith(ConfigurableEnvironment environment, String name) {
    for (PropertySource<?> source : environment.getPropertySources()) {
      // The attached "configurationProperties" source is a view of all the others: skip it.
      if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
          && source.containsProperty(name)) {
        return source;
      }
    }
    return null;
  }

  private static void putAbove(ConfigurableEnvironment environment, String below, String name, String value) {
    var sources = environment.getPropertySources();
    if (sources.get(SOURCE_NAME) instanceof MapPropertySource existing) {
      existing.getSource().put(name, value);
      return;
    }
    Map<String, Object> addresses = new HashMap<>();
    addresses.put(name, value);
    sources.addBefore(below, new MapPropertySource(SOURCE_NAME, addresses));
  }

  /** The starter's SaaS defaults, or null if a future starter no longer ships them there. */
  private static PropertySource<?> starterTemplate() {
    ClassPathResource resource = new ClassPathResource(STARTER_SAAS_TEMPLATE);
    if (!resource.exists()) {
      return null;
    }
    try {
      List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load("camunda-saas-template", resource);
      return loaded.isEmpty() ? null : loaded.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the Camunda starter's " + STARTER_SAAS_TEMPLATE, e);
    }
  }
}
