package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator in a real browser (headless Chromium): logs in, opens a journey and sees the counts
 * on its diagram, opens an order's instance and its timeline, and retries an incident. Screenshots
 * go to target/dashboard-screenshots/.
 */
@JourneysAppTest
class DashboardBrowserTest {

  private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @Test
  void anOperatorSeesTheJourneyFollowsAnOrderAndRetriesAnIncident() throws Exception {
    try (ChromiumBrowser browser = ChromiumBrowser.start(SHOTS)) {
      String orderId = placeOrderAndShipIt();
      long incidentKey = anIncident();
      var driver = browser.driver;
      var wait = new WebDriverWait(driver, Duration.ofSeconds(20));

      driver.get(url("/dashboard"));
      assertThat(driver.getCurrentUrl()).as("not logged in: sent to the login page").contains("/login");
      driver.findElement(By.name("username")).sendKeys("operator");
      driver.findElement(By.name("password")).sendKeys(TestCredentials.OPERATOR_PASSWORD);
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard"));
      assertThat(driver.findElement(By.id("user")).getText()).isEqualTo("operator");
      browser.screenshot("1-overview");

      driver.findElement(By.cssSelector("section[data-journey='post-purchase'] h2 a")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.bpmn")));
      WebElement waiting = driver.findElement(
          By.cssSelector("g.badge.active[data-element-id='await_shipment_update']"));
      assertThat(Integer.parseInt(waiting.getAttribute("data-count"))).as("our order waits for its next shipment update")
          .isGreaterThanOrEqualTo(1);
      assertThat(driver.findElements(By.cssSelector("svg.bpmn g.el.task")).size()).isGreaterThan(5);
      browser.screenshot("2-journey-with-counts");

      driver.get(url("/dashboard/instances?orderId=" + orderId));
      List<WebElement> rows = driver.findElements(By.cssSelector("#instances tbody tr"));
      assertThat(rows).hasSize(1);
      rows.get(0).findElement(By.tagName("a")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
      String timeline = driver.findElement(By.id("timeline")).getText();
      assertThat(timeline).contains("order-confirmation by email").contains("SENT")
          .contains("api/shipment").contains("Send order confirmation");
      assertThat(driver.findElements(By.cssSelector("svg.bpmn g.el.current[data-element-id='await_shipment_update']")))
          .as("the diagram shows where the instance is now").hasSize(1);
      assertThat(driver.findElements(By.cssSelector("svg.bpmn g.el.visited[data-element-id='send_order_confirmation']")))
          .as("and the path it took").hasSize(1);
      browser.screenshot("3-instance-timeline");

      driver.get(url("/dashboard/sandbox"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-sandbox='messages'] article.email iframe")));
      assertThat(driver.findElement(By.cssSelector("[data-sandbox='messages']")).getText()).contains("to browser@example.com");
      browser.screenshot("3b-sandbox-outbox");

      driver.get(url("/dashboard/incidents"));
      WebElement incident = driver.findElement(By.cssSelector("#incidents tr[data-key='" + incidentKey + "']"));
      assertThat(incident.getText()).contains("flaky_step").contains("JOB_NO_RETRIES");
      browser.screenshot("4-incidents");
      incident.findElement(By.cssSelector("button.retry")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
      assertThat(driver.findElement(By.id("notice")).getText()).contains("Incident " + incidentKey + " resolved");
      assertThat(driver.findElements(By.cssSelector("#incidents tr[data-key='" + incidentKey + "']"))).isEmpty();
      browser.screenshot("5-incident-retried");
    }
    assertThat(client.newIncidentSearchRequest().filter(f -> f.state(IncidentState.ACTIVE)).send().join().items())
        .noneMatch(i -> i.getProcessDefinitionId().equals("browser-test-journey"));
    var job = client.newActivateJobsCommand().jobType("flaky-step").maxJobsToActivate(1).send().join().getJobs();
    assertThat(job).as("the retried job is back, with the retries the operator gave it").hasSize(1);
    assertThat(job.get(0).getRetries()).isEqualTo(3);
  }

  /**
   * A marketer reads what the journeys achieve: the results pages with their figures drawn, each
   * screenshotted for the README. Our order is counted where it went: its confirmation among the
   * message outcomes, its journey on the funnel's first steps.
   */
  @Test
  void aMarketerReadsTheResults() throws Exception {
    String orderId = placeOrderAndShipIt();
    try (ChromiumBrowser browser = ChromiumBrowser.start(SHOTS)) {
      var driver = browser.driver;
      var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      driver.get(url("/dashboard/results"));
      driver.findElement(By.name("username")).sendKeys("marketer");
      driver.findElement(By.name("password")).sendKeys(TestCredentials.MARKETER_PASSWORD);
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results-pages")));
      assertThat(driver.findElements(By.cssSelector("#results-nav a"))).hasSize(4);
      assertThat(driver.findElements(By.cssSelector("header.top #results-nav"))).as("only on results pages").isEmpty();

      driver.findElement(By.linkText("Customer satisfaction")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("distribution")));
      assertThat(driver.findElement(By.id("csat")).getText()).isNotBlank();
      browser.screenshot("10-results-csat");

      driver.get(url("/dashboard/results/funnel"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.bpmn")));
      WebElement confirmation = driver.findElement(By.cssSelector("#funnel-table tr[data-element-id='send_order_confirmation']"));
      assertThat(Long.parseLong(confirmation.findElement(By.cssSelector("td.reached")).getText().replace(",", "")))
          .as("our journey reached its confirmation").isGreaterThanOrEqualTo(1);
      assertThat(driver.findElements(By.cssSelector("svg.bpmn g.note[data-element-id='send_order_confirmation']")))
          .as("the count is drawn on the diagram").hasSize(1);
      browser.screenshot("11-results-funnel");

      driver.get(url("/dashboard/results/messages"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("message-outcomes")));
      assertThat(driver.findElement(By.id("message-outcomes")).getText()).contains("order-confirmation");
      assertThat(driver.findElement(By.id("opens-limit")).getText()).as("honest about what opens mean").isNotBlank();
      browser.screenshot("12-results-messages");

      driver.get(url("/dashboard/results/delivery"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("carriers")));
      assertThat(driver.findElement(By.id("late-to-deliver")).getText()).isNotBlank();
      browser.screenshot("13-results-delivery");
    }
    assertThat(orderId).isNotBlank();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private String placeOrderAndShipIt() {
    String orderId = "B-" + UUID.randomUUID().toString().substring(0, 8);
    ShopClient shop = new ShopClient(port);
    String order = """
        {"orderId": "%s", "customer": {"id": "C-%s", "email": "browser@example.com", "name": "Bea Browser"},
         "items": [{"sku": "MUG-01", "name": "Blue mug", "quantity": 1, "unitPrice": 12.50}],
         "total": 12.50, "currency": "EUR", "locale": "en"}""".formatted(orderId, orderId);
    assertThat(shop.postOrder(order).getStatusCode().value()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> shop.getList("/api/outbox?orderId=" + orderId).stream()
        .anyMatch(m -> "SENT".equals(m.get("status"))));
    shop.post("/api/orders/" + orderId + "/shipments", "{\"status\": \"SHIPPED\", \"eventId\": \"e-" + orderId + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> shop.getList("/api/inbox?state=done&limit=500").stream()
        .anyMatch(e -> orderId.equals(e.get("orderId"))));
    return orderId;
  }

  /** A step whose job failed with no retries left, in a small journey of its own. */
  private long anIncident() {
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("browser-test-journey")
            .name("Browser test journey").startEvent("start").serviceTask("flaky_step", t -> t.zeebeJobType("flaky-step"))
            .endEvent("end").done(), "browser-test-journey.bpmn")
        .send().join();
    long instance = client.newCreateInstanceCommand().bpmnProcessId("browser-test-journey").latestVersion().send().join()
        .getProcessInstanceKey();
    var job = client.newActivateJobsCommand().jobType("flaky-step").maxJobsToActivate(1).send().join().getJobs().get(0);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("the flaky step failed").send().join();
    return await().atMost(Duration.ofSeconds(10)).until(() -> client.newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(instance)).send().join().items(), items -> !items.isEmpty())
        .get(0).getIncidentKey();
  }
}
