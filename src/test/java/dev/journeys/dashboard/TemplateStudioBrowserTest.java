package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.SharedSmtp;
import dev.journeys.TestCredentials;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A marketer in a real browser (headless Chromium) opens the message templates from the studio,
 * edits the shipping update's subject and SMS, sees the preview change as they type (the SMS's
 * segment count too), sees a strict-variable error named, sends a test to themselves and finds it
 * in GreenMail marked as a test, and publishes. Screenshots go to target/studio-screenshots/ (the
 * README's come from there). Shares TemplateStudioApiTest's context.
 */
@JourneysAppTest
@SharedSmtp.Uses
@TestPropertySource(properties = "journeys.test.context=templates")
class TemplateStudioBrowserTest {

  private static final Path SHOTS = Path.of("target", "studio-screenshots");

  @LocalServerPort int port;

  @Test
  void aMarketerEditsAMessagePreviewsItSendsATestAndPublishes() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 6);
    try (ChromiumBrowser browser = ChromiumBrowser.start(SHOTS)) {
      var driver = browser.driver;
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      var wait = new WebDriverWait(driver, Duration.ofSeconds(30));

      driver.get(url("/login"));
      driver.findElement(By.name("username")).sendKeys("marketer");
      driver.findElement(By.name("password")).sendKeys(TestCredentials.MARKETER_PASSWORD);
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard"));
      driver.get(url("/dashboard/studio"));
      browser.screenshot("0-journeys");
      driver.findElement(By.id("message-templates")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard/studio/templates"));
      browser.screenshot("5-message-templates");
      driver.findElement(By.cssSelector("tr[data-template='shipping-update'] a[data-locale='en']")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard/studio/templates/shipping-update/en"));
      ready(driver);
      assertThat(driver.findElement(By.id("preview-subject")).getText()).isEqualTo("Your order #1000012345 has shipped");

      // Type into the subject: the preview follows (debounced), rendered by the server's renderer.
      WebElement subject = part(driver, ".subject.txt");
      subject.clear();
      subject.sendKeys("On its way " + marker + ": [(${orderId})]");
      wait.until(ExpectedConditions.textToBe(By.id("preview-subject"), "On its way " + marker + ": #1000012345"));

      WebElement sms = part(driver, ".sms.txt");
      sms.clear();
      sms.sendKeys("Your order [(${orderId})] ships today. " + "More news soon. ".repeat(10));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector(".preview-text[data-part='.sms.txt'] .figures"), "2 segment(s) of 2 allowed"));

      WebElement html = part(driver, ".html");
      String packagedHtml = html.getDomProperty("value");
      set(driver, html, packagedHtml.replace("</body>", "<p th:text=\"${parcelNickname}\">x</p></body>"));
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#problems li[data-part='.html'][data-variable='parcelNickname']")));
      browser.screenshot("6-template-strict-variable");
      set(driver, html, packagedHtml.replace("</body>", "<p>Edited " + marker + "</p></body>"));
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#problems li"), 0));
      driver.switchTo().frame("preview-html");
      assertThat(driver.findElement(By.tagName("body")).getText()).contains("Edited " + marker);
      driver.switchTo().defaultContent();
      browser.screenshot("7-template-preview");

      driver.findElement(By.id("test-send")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Test sent to"));
      MimeMessage test = awaitMail("marketer@shop.test", "[TEST] On its way " + marker + ": #1000012345");
      assertThat(test.getHeader("X-Journeys-Test", null)).isEqualTo("true");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history tr[data-action='test-sent']")));

      driver.findElement(By.id("publish")).click();
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Published"));
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#history tr[data-action='template-published']")));
      assertThat(driver.findElement(By.cssSelector("#history tr[data-action='template-published']")).getText())
          .contains("marketer").contains(".subject.txt").contains(".sms.txt").contains(".html");
      assertThat(driver.findElement(By.cssSelector(".template-part[data-part='.subject.txt'] .state")).getText())
          .isEqualTo("published v1 by marketer");
      browser.screenshot("8-template-published");
    }
  }

  private static void ready(org.openqa.selenium.chrome.ChromeDriver driver) {
    Object ready = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "window.journeysTemplates.ready.then(() => done(window.journeysTemplates.state.previews), e => done('failed: ' + e));");
    assertThat(ready).as("the first preview").isEqualTo(1L);
  }

  /** Replaces a long text at once, as a paste does (typing it key by key takes long). */
  private static void set(org.openqa.selenium.chrome.ChromeDriver driver, WebElement area, String text) {
    driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
        area, text);
  }

  private static WebElement part(org.openqa.selenium.chrome.ChromeDriver driver, String part) {
    return driver.findElement(By.cssSelector("textarea[data-part='" + part + "']"));
  }

  private static MimeMessage awaitMail(String to, String subject) {
    return await("an email \"" + subject + "\" to " + to).atMost(Duration.ofSeconds(30)).until(
        () -> Arrays.stream(SharedSmtp.server().getReceivedMessages()).filter(m -> is(m, to, subject)).findFirst(),
        Optional::isPresent).orElseThrow();
  }

  private static boolean is(MimeMessage message, String to, String subject) {
    try {
      return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress().equalsIgnoreCase(to)
          && subject.equals(message.getSubject());
    } catch (MessagingException e) {
      return false;
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
