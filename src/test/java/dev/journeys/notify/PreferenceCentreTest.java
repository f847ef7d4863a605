package dev.journeys.notify;

import dev.journeys.CustomerPages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customers.MarketingChannel;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The signed preference-centre link of marketing messages, its page, and its form. */
class PreferenceCentreTest extends ChannelAppTestBase {

  private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "(/preferences/[A-Za-z0-9_.-]+)");

  @Test
  void aMarketingMessageLinksToAPageWhereTheCustomerChangesConsentsForTheNextMessage() throws Exception {
    customer("0151 23456789", true, true);
    step("anniversary-thank-you", "email,sms", "marketing");

    String fromEmail = link(latestEmailText());
    String fromSms = link(form(smsSent().getLast().getBodyAsString()).get("Body"));
    assertThat(fromSms).isEqualTo(fromEmail);

    HttpResponse<String> page = get(fromEmail);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"email\" id=\"email\" checked", "name=\"sms\" id=\"sms\" checked")
        .contains("***6789").doesNotContain("23456789");

    assertThat(page.body()).doesNotContain("id=\"push\" checked");
    // Untick email, keep SMS, tick push.
    HttpResponse<String> saved = post(fromEmail, "sms=on&push=on");
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains("class=\"saved\"").doesNotContain("id=\"email\" checked")
        .contains("id=\"push\" checked");
    assertThat(customers.find(customerId).orElseThrow().consent(MarketingChannel.EMAIL))
        .satisfies(c -> {
          assertThat(c.granted()).isFalse();
          assertThat(c.source()).isEqualTo("preference-centre");
        });
    assertThat(customers.find(customerId).orElseThrow().consent(MarketingChannel.PUSH).granted()).isTrue();

    step("anniversary-thank-you", "email,sms", "marketing");
    assertThat(decisions()).endsWith("anniversary-thank-you email SKIPPED no-consent",
        "anniversary-thank-you sms SENT null");
  }

  @Test
  void aForgedOrAlteredLinkIsRefusedAndChangesNothing() throws Exception {
    customer("0151 23456789", true, true);
    step("anniversary-thank-you", "email", "marketing");
    String path = link(latestEmailText());
    String forged = path.substring(0, path.lastIndexOf('.') + 1) + "A".repeat(43);

    assertThat(get(forged).statusCode()).isEqualTo(403);
    assertThat(post(forged, "").statusCode()).isEqualTo(403);
    assertThat(post("/preferences/not-a-token", "").statusCode()).isEqualTo(400);
    assertThat(customers.find(customerId).orElseThrow().consent(MarketingChannel.EMAIL).granted()).isTrue();
  }

  @Test
  void transactionalMessagesCarryNoPreferenceLink() {
    customer("0151 23456789", true, true);
    // Both channels, to see that neither carries the link.
    step("shipping-update", "email,sms", "transactional", "all");

    assertThat(latestEmailText()).doesNotContain("/preferences/");
    assertThat(form(smsSent().getLast().getBodyAsString()).get("Body")).doesNotContain("/preferences/");
  }

  private String latestEmailText() {
    return jdbc.sql("""
            SELECT text_body FROM sandbox_message WHERE message_id IN (
              SELECT message_id FROM outbox WHERE customer_id = ? AND channel = 'email') ORDER BY id DESC""")
        .param(customerId).query(String.class).list().getFirst();
  }

  private static String link(String text) {
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).as("a preference link in: %s", text).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return new CustomerPages(port).get(path);
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return new CustomerPages(port).post(path, form);
  }
}
