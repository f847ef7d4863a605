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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator in a real browser (headless Chromium) on the pages for what ops must act on: discards
 * a selected parked shop event, retries all parked for one reason, and retries every incident of
 * one kind at once. Screenshots go to target/dashboard-screenshots/.
 */
@JourneysAppTest
class OperationsBrowserTest {

  private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @Test
  void anOperatorDiscardsAndRetriesParkedEventsAndRetriesIncidentsOfOneKind() throws Exception {
    List<Object> parked = shipmentsForUnknownOrders(3);
    String journey = incidentsOfOneKind(2);
    try (ChromiumBrowser browser = ChromiumBrowser.start(SHOTS)) {
      var driver = browser.driver;
      var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      driver.get(url("/login"));
      driver.findElement(By.name("username")).sendKeys("operator");
      driver.findElement(By.name("password")).sendKeys(TestCredentials.OPERATOR_PASSWORD);
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard"));

      driver.get(url("/dashboard/parked"));
      WebElement reason = driver.findElement(By.cssSelector("#reasons tr[data-reason='UNKNOWN_ORDER']"));
      assertThat(reason.getAttribute("data-count")).isEqualTo("3");
      assertThat(driver.findElement(By.cssSelector("#parked tr[data-id='" + parked.get(0) + "']")).getText())
          .contains("api/shipment").contains("UNKNOWN_ORDER").contains("Expected order");
      browser.screenshot("6-parked-events");

      driver.findElement(By.id("select-" + parked.get(0))).click();
      driver.findElement(By.id("discard-selected")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
      assertThat(driver.findElement(By.id("notice")).getText()).isEqualTo("1 event(s) discarded.");
      assertThat(driver.findElements(By.cssSelector("#parked tr[data-id='" + parked.get(0) + "']"))).isEmpty();
      assertThat(driver.findElement(By.cssSelector("#reasons tr[data-reason='UNKNOWN_ORDER']")).getAttribute("data-count"))
          .isEqualTo("2");
      browser.screenshot("7-parked-event-discarded");

      driver.findElement(By.cssSelector("#reasons tr[data-reason='UNKNOWN_ORDER'] button.retry-all")).click();
      wait.until(ExpectedConditions.textToBe(By.id("notice"), "2 event(s) back in line."));

      driver.get(url("/dashboard/incidents"));
      WebElement kind = driver.findElement(By.cssSelector("#kinds tr[data-journey='" + journey + "']"));
      assertThat(kind.getAttribute("data-count")).isEqualTo("2");
      browser.screenshot("8-incidents-by-kind");
      kind.findElement(By.cssSelector("button.retry-kind")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
      assertThat(driver.findElement(By.id("notice")).getText())
          .startsWith("Retried 2 of 2 open incident(s) of " + journey + " / step / JOB_NO_RETRIES");
      assertThat(driver.findElements(By.cssSelector("#kinds tr[data-journey='" + journey + "']"))).isEmpty();
      browser.screenshot("9-incidents-of-a-kind-retried");
    }
    ShopClient shop = new ShopClient(port);
    assertThat(shop.get("/api/inbox/" + parked.get(0)).getBody()).containsEntry("state", "DISCARDED")
        .containsEntry("discardedBy", "operator");
    // Retried, their orders still unknown: processed again and parked again.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(List.of(parked.get(1), parked.get(2)))
        .allSatisfy(id -> assertThat(shop.get("/api/inbox/" + id).getBody()).containsEntry("state", "PARKED")
            .containsEntry("attempts", 1)));
    assertThat(client.newIncidentSearchRequest().filter(f -> f.processDefinitionId(journey).state(IncidentState.ACTIVE))
        .send().join().items()).isEmpty();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Shipments for orders the shop never sent: parked until their order arrives. */
  private List<Object> shipmentsForUnknownOrders(int n) {
    ShopClient shop = new ShopClient(port);
    List<Object> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String orderId = "NO-" + UUID.randomUUID().toString().substring(0, 8);
      ids.add(shop.post("/api/orders/" + orderId + "/shipments", "{\"status\": \"SHIPPED\"}").getBody().get("inboxId"));
    }
    for (Object id : ids) {
      await().atMost(Duration.ofSeconds(20)).until(() -> "PARKED".equals(shop.get("/api/inbox/" + id).getBody().get("state")));
    }
    return ids;
  }

  /** A journey of its own whose one step failed with no retries left in n instances. */
  private String incidentsOfOneKind(int n) {
    String journey = "browser-kind-" + UUID.randomUUID().toString().substring(0, 8);
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess(journey).startEvent()
        .serviceTask("step", t -> t.zeebeJobType(journey)).endEvent().done(), journey + ".bpmn").send().join();
    for (int i = 0; i < n; i++) {
      client.newCreateInstanceCommand().bpmnProcessId(journey).latestVersion().variables(Map.of("i", i)).send().join();
    }
    var jobs = await().atMost(Duration.ofSeconds(10)).until(() -> client.newActivateJobsCommand().jobType(journey)
        .maxJobsToActivate(n).send().join().getJobs(), list -> list.size() == n);
    jobs.forEach(job -> client.newFailCommand(job).retries(0).errorMessage("the step failed").send().join());
    await().atMost(Duration.ofSeconds(10)).until(() -> client.newIncidentSearchRequest()
        .filter(f -> f.processDefinitionId(journey).state(IncidentState.ACTIVE)).send().join().items().size() == n);
    return journey;
  }
}
