package dev.journeys.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where customers reach this app: the base of every link we put in a message (unsubscribe,
 * feedback). Must be the public https address in production, as mail clients open these links.
 *
 * @param publicBaseUrl journeys.public-base-url, without a trailing slash
 */
@ConfigurationProperties("journeys")
record SiteProperties(@DefaultValue("http://localhost:8080") String publicBaseUrl) {

  SiteProperties {
    publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }
}
