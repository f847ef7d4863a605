package dev.journeys.orders;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Shopify webhook endpoint's settings.
 *
 * @param webhookSecrets the app's client secrets that sign webhooks; two during a rotation (the
 *     old and the new), one otherwise. With none, every webhook is refused with 401.
 * @param shopDomains the shops whose webhooks are accepted (X-Shopify-Shop-Domain, e.g.
 *     {@code tea-and-mugs.myshopify.com}); empty accepts any shop that signs with a secret above
 */
@ConfigurationProperties("journeys.shopify")
record ShopifyProperties(@DefaultValue List<String> webhookSecrets, @DefaultValue List<String> shopDomains) {

  ShopifyProperties {
    webhookSecrets =
        webhookSecrets == null
            ? List.of()
            : webhookSecrets.stream().filter(s -> s != null && !s.isBlank()).toList();
    shopDomains =
        shopDomains == null
            ? List.of()
            : shopDomains.stream().filter(s -> s != null && !s.isBlank())
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
  }

  /** Whether webhooks from this shop are accepted. */
  boolean accepts(String shopDomain) {
    return shopDomains.isEmpty()
        || (shopDomain != null && shopDomains.contains(shopDomain.strip().toLowerCase(Locale.ROOT)));
  }
}
