package dev.journeys.notify;

import dev.journeys.CustomerPages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customers.MarketingChannel;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Links that change something expire (journeys.links.lifetime, 90 days by default): a forwarded
 * email must not let its readers change the customer's consent for ever. An expired link's page
 * offers a fresh link, emailed to the address we hold, and only so often.
 */
class ExpiringLinksTest extends ChannelAppTestBase {

  private static final Pattern PREFERENCES = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "(/preferences/[A-Za-z0-9_.-]+)");
  private static final Pattern RATING = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "(/api/feedback/[A-Za-z0-9_.-]+)");

  @Autowired PreferenceLinks preferenceLinks;
  @Autowired SignedLinks links;

  @Test
  void anExpiredPreferenceLinkChangesNothingAndOffersAFreshOneByEmail() throws Exception {
    customer("0151 23456789", true, true);
    String old = path(preferenceLinks.url(customerId));
    assertThat(get(old).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofDays(91));
    HttpResponse<String> page = get(old);
    assertThat(page.statusCode()).isEqualTo(410);
    String token = old.substring(old.lastIndexOf('/') + 1);
    assertThat(page.body()).contains("This link has expired", "action=\"" + token + "/fresh-link\"");
    assertThat(post(old, "").statusCode()).as("unticking every box with an expired link").isEqualTo(410);
    assertThat(customers.find(customerId).orElseThrow().consent(MarketingChannel.EMAIL).granted()).isTrue();

    assertThat(post(old + "/fresh-link", "").statusCode()).isEqualTo(202);
    List<String> sent = mailTo(email());
    assertThat(sent).hasSize(1);
    String fresh = match(PREFERENCES, sent.getFirst());
    assertThat(fresh).isNotEqualTo(old);
    assertThat(sent.getFirst()).contains("You asked for a new link", "Hello Jane,");
    HttpResponse<String> saved = post(fresh, "sms=on");
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(customers.find(customerId).orElseThrow().consent(MarketingChannel.EMAIL).granted()).isFalse();

    // Pressing the button again soon sends nothing more (and says the same).
    assertThat(post(old + "/fresh-link", "").statusCode()).isEqualTo(202);
    assertThat(mailTo(email())).hasSize(1);
    clock.advance(Duration.ofMinutes(11));
    assertThat(post(old + "/fresh-link", "").statusCode()).isEqualTo(202);
    assertThat(mailTo(email())).hasSize(2);
  }

  @Test
  void aForgedLinkGetsNoFreshOne() throws Exception {
    customer("0151 23456789", true, true);
    String old = path(preferenceLinks.url(customerId));
    String forged = old.substring(0, old.lastIndexOf('.') + 1) + "A".repeat(43);
    clock.advance(Duration.ofDays(91));

    assertThat(post(forged + "/fresh-link", "").statusCode()).isEqualTo(403);
    assertThat(mailTo(email())).isEmpty();
  }

  @Test
  void anExpiredRatingLinkRecordsNothingAndOffersTheFeedbackRequestAgain() throws Exception {
    customer("0151 23456789", true, true);
    String old = path(links.link("/api/feedback/", "feedback", orderId, "5"));
    clock.advance(Duration.ofDays(91));

    assertThat(get(old).statusCode()).isEqualTo(410);
    assertThat(post(old, "rating=5").statusCode()).isEqualTo(410);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM feedback WHERE order_id = ?").param(orderId).query(Long.class).single())
        .isZero();

    assertThat(post(old + "/fresh-link", "").statusCode()).isEqualTo(202);
    List<String> sent = mailTo(email());
    assertThat(sent).singleElement().asString().contains(orderId, "5 of 5");
    String fresh = match(RATING, sent.getFirst());
    HttpResponse<String> confirm = get(fresh);
    assertThat(confirm.statusCode()).isEqualTo(200);
  }

  @Test
  void anUnsubscribeLinkNeverExpires() throws Exception {
    customer("0151 23456789", true, true);
    String unsubscribe = path(links.link("/api/unsubscribe/", "unsubscribe", customerId, "email"));
    clock.advance(Duration.ofDays(3650));

    assertThat(get(unsubscribe).statusCode()).isEqualTo(200);
  }

  private List<String> mailTo(String address) {
    return jdbc.sql("SELECT text_body FROM sandbox_message WHERE recipient = ? AND message_id LIKE '<fresh-link.%' ORDER BY id")
        .param(address).query(String.class).list();
  }

  private static String path(String url) {
    assertThat(url).startsWith(PUBLIC_BASE);
    return url.substring(PUBLIC_BASE.length());
  }

  private static String match(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("a link in: %s", text).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return new CustomerPages(port).get(path);
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return new CustomerPages(port).post(path, form);
  }
}
