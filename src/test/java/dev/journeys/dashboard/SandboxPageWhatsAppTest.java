package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.notify.whatsapp.WhatsAppTestSupport;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The sandbox page in a real browser (headless Chromium) shows a WhatsApp message as a phone would:
 * a bubble with the template's variables and its content SID, not the listing's JSON. (Same settings
 * as notify.whatsapp.WhatsAppSandboxTest, so the two share one application.)
 */
@JourneysAppTest
@TestPropertySource(properties = {
    "journeys.notify.whatsapp.enabled=true",
    "journeys.notify.whatsapp.from=+14155238886",
    "journeys.notify.whatsapp.templates.shipping-update.en=HX0123456789abcdef0123456789abcdef",
    "journeys.notify.quiet-hours.whatsapp.enabled=false"
})
class SandboxPageWhatsAppTest {

  private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;

  @Test
  void aWhatsAppMessageShowsAsABubbleWithItsVariablesAndContentTemplate() throws Exception {
    String orderId = OrderJson.newOrderId();
    String customerId = "c-" + orderId;
    new ShopClient(port).postOrder(OrderJson.order(orderId, "page-wa@example.com", "Jane", "en"));
    customers.recordContact(new ContactDetails(customerId, "page-wa@example.com", "+4915123456789", "Jane", "en",
        "Europe/Berlin", "DE"));
    customers.recordConsent(customerId, MarketingChannel.WHATSAPP, true, Instant.parse("2030-01-01T00:00:00Z"), "api");
    WhatsAppTestSupport.step(new JourneyProbe(camunda, jdbc), "shipping-update", "whatsapp", "transactional",
        orderId, customerId);

    try (ChromiumBrowser browser = ChromiumBrowser.start(SHOTS)) {
      var driver = browser.driver;
      var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      driver.get("http://127.0.0.1:" + port + "/dashboard/sandbox");
      driver.findElement(By.name("username")).sendKeys("operator");
      driver.findElement(By.name("password")).sendKeys(TestCredentials.OPERATOR_PASSWORD);
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-sandbox='whatsapp'] article.whatsapp")));

      String card = driver.findElement(By.cssSelector("[data-sandbox='whatsapp'] article.whatsapp")).getText();
      assertThat(card).contains("to whatsapp:+4915123456789", "{{1}} " + orderId, "{{2}} has shipped",
          "content template HX0123456789abcdef0123456789abcdef (en)").doesNotContain("contentVariables", "{\"");
      browser.screenshot("sandbox-whatsapp");
    }
  }
}
