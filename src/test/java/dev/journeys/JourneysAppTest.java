package dev.journeys;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole app on a random HTTP port, its embedded engine on a free gRPC port, and a database of
 * its own, so test classes with different settings can run side by side.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "journeys.engine.port=0",
      "spring.datasource.url=jdbc:h2:mem:journeys-${random.uuid};DB_CLOSE_DELAY=-1",
      "journeys.notify.retry-backoff=1s",
      // Shopify's webhook secrets (a rotation in progress), so the Shopify tests share this context.
      dev.journeys.orders.ShopifyWebhooks.SECRETS_PROPERTY,
      // Shop events beyond the built-in ones (CustomEventsTest), here so the tests share one context.
      "journeys.events.review-posted.variables=rating,text",
      "journeys.events.loyalty-tier-changed.correlate-by=customer",
      "journeys.events.loyalty-tier-changed.message=tier-changed",
      // A Shopify topic Journeys does not handle itself, arriving as an event (ShopifyMappedEventsTest).
      "journeys.events.refund-issued.shopify-topic=refunds/create",
      "journeys.events.refund-issued.variables=id,note",
      // The dashboard links to Operate when told where it is (DashboardPagesTest).
      "journeys.dashboard.operate-url=https://operate.example.com/operate",
      // Diagram pages count afresh (DashboardPagesTest) and recommendations are not reused
      // (RecommendationsTest): no test of this context asserts a cached figure, and the two
      // classes share it instead of building one each.
      "journeys.dashboard.counts-max-age=0s",
      "journeys.notify.recommendations-cache=0s"
    })
public @interface JourneysAppTest {}
