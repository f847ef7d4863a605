package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A marketer in a real browser (headless Chromium) opens the post-purchase journey in the studio's
 * editor (bpmn.io's Camunda 8 modeler with our element templates), breaks a step's job type through
 * the modeler's API and sees the lint finding marked on that step, fixes it by applying our Send
 * message element template and renames the step,
 * saves a draft and publishes it: the engine's latest version is the new one and a new order runs
 * on it. Then tries the model on the example customer (a simulation, allowed to marketers). Screenshots go to target/studio-screenshots/. Shares StudioApiTest's context (it too
 * publishes post-purchase versions).
 */
@JourneysAppTest
@TestPropertySource(properties = "journeys.test.context=studio")
class StudioBrowserTest {

  private static final Path SHOTS = Path.of("target", "studio-screenshots");
  private static final String STEP = "send_order_confirmation";

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  @Test
  void aMarketerEditsLintsAndPublishesAJourneyAndNewOrdersRunTheNewVersion() throws Exception {
    int running = latestVersion();
    try (ChromiumBrowser browser = ChromiumBrowser.start(SHOTS)) {
      var driver = browser.driver;
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      var wait = new WebDriverWait(driver, Duration.ofSeconds(30));

      driver.get(url("/login"));
      driver.findElement(By.name("username")).sendKeys("marketer");
      driver.findElement(By.name("password")).sendKeys(TestCredentials.MARKETER_PASSWORD);
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard"));
      driver.findElement(By.cssSelector("section[data-journey='post-purchase'] a.edit")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard/studio/post-purchase"));

      Object opened = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "window.journeysStudio.ready.then(() => done(window.journeysStudio.showing), e => done('failed: ' + e));");
      browser.screenshot("1-editor");
      assertThat(opened).as(driver.findElement(By.id("status")).getText()).isEqualTo("v" + running);
      assertThat(driver.findElements(By.cssSelector(".djs-element[data-element-id='" + STEP + "']"))).hasSize(1);
      assertThat(driver.findElements(By.cssSelector(".bjs-powered-by"))).as("bpmn.io's watermark").isNotEmpty();
      @SuppressWarnings("unchecked")
      List<String> templates = (List<String>) driver.executeScript("return window.journeysStudio.modeler"
          + ".get('elementTemplates').getAll().map(t => t.id);");
      assertThat(templates).contains("dev.journeys.send-message", "dev.journeys.open-support-ticket");
      assertThat((List<?>) driver.executeScript("return window.journeysStudio.state.templateErrors;")).isEmpty();
      assertThat(driver.findElements(By.cssSelector(".djs-element.lint-error"))).as("the running version lints clean")
          .isEmpty();
      assertThat(driver.findElement(By.id("changes")).getText()).as("the editor's XML means what the engine's does")
          .isEqualTo("Same as the running version.");
      browser.screenshot("1-editor");

      // A wrong job type, set through the modeler's modeling API as the properties panel would.
      driver.executeScript(modify("'send-mesage'"));
      lint(driver);
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".djs-element.lint-error[data-element-id='" + STEP + "']")));
      // The debounced check after the edit may draw the marks again meanwhile: read them afresh until they settle.
      var settled = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      settled.until(d -> d.findElement(By.cssSelector(".lint-badge.error[data-element-id='" + STEP + "']"))
          .getDomAttribute("title").contains("send-mesage"));
      settled.until(d -> d.findElement(By.cssSelector("#findings li.error[data-element-id='" + STEP + "']")).getText()
          .contains("send-mesage"));
      browser.screenshot("2-lint-finding-on-the-step");

      // The Send message template puts the job type right (and keeps this step's headers, its defaults).
      driver.executeScript("const m = window.journeysStudio.modeler; const templates = m.get('elementTemplates');"
          + "const el = m.get('elementRegistry').get('" + STEP + "');"
          + "templates.applyTemplate(el, templates.getLatest('dev.journeys.send-message')[0]);"
          + "m.get('modeling').updateProperties(m.get('elementRegistry').get('" + STEP + "'), {name: 'Confirm the order'});"
          + "m.get('selection').select(m.get('elementRegistry').get('" + STEP + "'));");
      lint(driver);
      assertThat((String) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "window.journeysStudio.modeler.saveXML().then(r => done(r.xml));"))
          .contains("zeebe:modelerTemplate=\"dev.journeys.send-message\"")
          .contains("<zeebe:header key=\"template\" value=\"order-confirmation\"");
      browser.screenshot("2b-templated-step");
      assertThat(driver.findElements(By.cssSelector(".djs-element.lint-error"))).isEmpty();
      driver.executeAsyncScript("const done = arguments[arguments.length - 1]; window.journeysStudio.diff().then(done);");
      assertThat(driver.findElement(By.cssSelector("#changes li.changed[data-element-id='" + STEP + "']")).getText())
          .contains("Confirm the order");

      driver.findElement(By.id("save-draft")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Draft saved by marketer"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit tr[data-action='draft-saved']")));

      driver.findElement(By.id("publish")).click();
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
          "Published version " + (running + 1)));
      // the history is fetched again after the status says so, and its table drawn anew: read the
      // row as it is once drawn, not a row the redraw replaced
      String published = wait.ignoring(StaleElementReferenceException.class).until(d -> {
        String row = d.findElement(By.cssSelector("#audit tr[data-action='published']")).getText();
        return row.contains("v" + (running + 1)) ? row : null;
      });
      assertThat(published).contains("marketer").contains("v" + (running + 1)).contains(STEP);
      browser.screenshot("3-published");

      // Try the model on the example customer: the simulation runs the editor's BPMN, the app stays as it is.
      driver.findElement(By.id("simulate")).click();
      new WebDriverWait(driver, Duration.ofSeconds(120)).until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("#simulation tbody"), "order-confirmation"));
      assertThat(driver.findElement(By.id("simulation")).getText()).contains("SENT");
      browser.screenshot("4-simulated");
    }
    assertThat(latestVersion()).as("the engine's latest version is the published one").isEqualTo(running + 1);
    long published = latestKey();
    String orderId = "S-" + UUID.randomUUID().toString().substring(0, 8);
    ShopClient shop = new ShopClient(port);
    assertThat(shop.postOrder("""
        {"orderId": "%s", "customer": {"id": "C-%s", "email": "studio@example.com", "name": "Stu Dio"},
         "items": [{"sku": "MUG-01", "name": "Blue mug", "quantity": 1, "unitPrice": 12.50}],
         "total": 12.50, "currency": "EUR", "locale": "en"}""".formatted(orderId, orderId)).getStatusCode().value())
        .isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> !client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(published)).send().join().items().isEmpty());
  }

  /** Sets the step's job type through bpmn-js' modeling API, as an edit in the properties panel does. */
  private static String modify(String type) {
    return "const m = window.journeysStudio.modeler; const el = m.get('elementRegistry').get('" + STEP + "');"
        + "const definition = el.businessObject.extensionElements.values.find(v => v.$type === 'zeebe:TaskDefinition');"
        + "m.get('modeling').updateModdleProperties(el, definition, {type: " + type + "});";
  }

  private static void lint(org.openqa.selenium.chrome.ChromeDriver driver) {
    driver.executeAsyncScript("const done = arguments[arguments.length - 1]; window.journeysStudio.lint().then(done);");
  }

  private int latestVersion() {
    return client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("post-purchase"))
        .sort(s -> s.version().desc()).page(p -> p.limit(1)).send().join().items().get(0).getVersion();
  }

  private long latestKey() {
    return client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("post-purchase"))
        .sort(s -> s.version().desc()).page(p -> p.limit(1)).send().join().items().get(0).getProcessDefinitionKey();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
