package dev.journeys.orders;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Shopify webhook endpoint's settings.
 *
 * @param webhookSecrets the app's client secrets that sign webhooks; two during a rotation (the
 *     old and the new), one otherwise. With none, every webhook is refused with 401.
 */
@ConfigurationProperties("journeys.shopify")
record ShopifyProperties(@DefaultValue List<String> webhookSecrets) {

  ShopifyProperties {
    webhookSecrets =
        webhookSecrets == null
            ? List.of()
            : webhookSecrets.stream().filter(s -> s != null && !s.isBlank()).toList();
  }
}
