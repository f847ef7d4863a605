package dev.journeys.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.journeys.notify.TwilioWebhookSlice;
import dev.journeys.notify.TwilioWebhookSlice.RecordedStatuses;
import dev.journeys.security.SliceSecurity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The SMS provider's webhooks as an HTTP slice: X-Twilio-Signature over the public URL and the
 * form, the fields each call needs, the body size bound, and the answers the provider expects.
 * What reaches the outbox is recorded ({@link TwilioWebhookSlice}); what an applied status or a
 * STOP then changes runs through the whole app in {@code SmsWebhooksTest}.
 */
@WebMvcTest(controllers = SmsWebhookController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.journeys\\.(?!notify\\.|security\\.).*"))
@Import({SliceSecurity.class, TwilioWebhookSlice.class, SmsWebhookControllerTest.Urls.class})
@TestPropertySource(properties = {"journeys.sms.auth-token=" + SmsWebhookControllerTest.TOKEN,
    "journeys.public-base-url=" + SmsWebhookControllerTest.PUBLIC_BASE})
class SmsWebhookControllerTest {

  static final String TOKEN = "slice-auth-token";
  /** Behind a proxy that mounts the app under /shop-a: what the provider calls, and signs. */
  static final String PUBLIC_BASE = "https://journeys.example.net/shop-a";
  static final String SID = RecordedStatuses.KNOWN_SID;

  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SmsProperties.class)
  @Import(SmsWebhookUrls.class)
  static class Urls {}

  @Autowired MockMvc http;
  @Autowired RecordedStatuses outbox;
  @MockitoBean SmsKeywords keywords;

  @BeforeEach
  void nothingRecorded() {
    outbox.clear();
  }

  @Test
  void aSignedStatusCallbackReachesTheOutboxWithItsErrorCode() throws Exception {
    signed("/webhooks/sms/status", form("MessageSid", SID, "MessageStatus", "delivered")).andExpect(status().isOk());
    signed("/webhooks/sms/status", form("MessageSid", SID, "MessageStatus", "undelivered", "ErrorCode", "30003"))
        .andExpect(status().isOk());

    assertThat(outbox.calls()).containsExactly("status " + SID + " delivered null", "status " + SID + " undelivered 30003");
  }

  @Test
  void aCallbackAboutAMessageWeDoNotKnowIsStillAnswered200() throws Exception {
    signed("/webhooks/sms/status", form("MessageSid", "SMunknown", "MessageStatus", "sent")).andExpect(status().isOk());

    assertThat(outbox.calls()).containsExactly("status SMunknown sent null");
  }

  @Test
  void aQueryStringIsPartOfTheSignedUrl() throws Exception {
    Map<String, String> form = form("MessageSid", SID, "MessageStatus", "sent");
    String url = PUBLIC_BASE + "/webhooks/sms/status?attempt=2";

    call("/webhooks/sms/status?attempt=2", form, TwilioWebhookSlice.sign(TOKEN, url, form)).andExpect(status().isOk());
    // Signed without the query: the provider did not call that URL.
    call("/webhooks/sms/status?attempt=2", form,
        TwilioWebhookSlice.sign(TOKEN, PUBLIC_BASE + "/webhooks/sms/status", form)).andExpect(status().isForbidden());

    assertThat(outbox.calls()).containsExactly("status " + SID + " sent null");
  }

  @Test
  void aForgedStatusCallbackIsRefusedBeforeTheOutbox() throws Exception {
    Map<String, String> form = form("MessageSid", SID, "MessageStatus", "failed");
    String url = PUBLIC_BASE + "/webhooks/sms/status";

    // Another token; the app's own address instead of the public one; no signature; a form changed on the way.
    for (String signature : new String[] {
        TwilioWebhookSlice.sign("not-the-token", url, form),
        TwilioWebhookSlice.sign(TOKEN, "http://localhost/webhooks/sms/status", form),
        null,
        TwilioWebhookSlice.sign(TOKEN, url, form("MessageSid", SID, "MessageStatus", "delivered"))}) {
      call("/webhooks/sms/status", form, signature).andExpect(status().isForbidden())
          .andExpect(content().string(containsString("X-Twilio-Signature")));
    }

    assertThat(outbox.calls()).isEmpty();
  }

  @Test
  void aStatusCallbackWithoutItsStatusNamesTheField() throws Exception {
    signed("/webhooks/sms/status", form("MessageSid", SID)).andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("MessageStatus")));
    signed("/webhooks/sms/status", form("MessageStatus", "sent")).andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("MessageSid")));

    assertThat(outbox.calls()).isEmpty();
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItsSignatureIsEvenChecked() throws Exception {
    call("/webhooks/sms/status", form("MessageSid", SID, "MessageStatus", "sent", "Padding", "x".repeat(70_000)),
        "c2ln").andExpect(status().isPayloadTooLarge());
    call("/webhooks/sms/inbound", form("MessageSid", "SMin1", "From", "+4915123456789", "Padding", "x".repeat(70_000)),
        "c2ln").andExpect(status().isPayloadTooLarge());

    assertThat(outbox.calls()).isEmpty();
    verifyNoInteractions(keywords);
  }

  @Test
  void aSignedInboundMessageIsActedOnOnceAndAnsweredWithEmptyTwiml() throws Exception {
    when(keywords.firstTime("SMin1")).thenReturn(true, false);
    Map<String, String> stop = form("MessageSid", "SMin1", "From", "+4915123456789", "To", "+15005550006", "Body", " stop ");

    signed("/webhooks/sms/inbound", stop).andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
        .andExpect(content().string(containsString("<Response/>")));
    // The provider retries, or someone replays the captured request: answered, not acted on again.
    signed("/webhooks/sms/inbound", stop).andExpect(status().isOk());

    verify(keywords).apply("SMin1", "+4915123456789", " stop ");
  }

  @Test
  void anInboundMessageWithoutItsSenderOrIdNamesTheField() throws Exception {
    signed("/webhooks/sms/inbound", form("MessageSid", "SMin2", "Body", "STOP")).andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("From")));
    signed("/webhooks/sms/inbound", form("From", "+4915123456789", "Body", "STOP")).andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("MessageSid")));
    signed("/webhooks/sms/inbound", form("MessageSid", "SM" + "x".repeat(64), "From", "+4915123456789", "Body", "STOP"))
        .andExpect(status().isBadRequest()).andExpect(content().string(containsString("at most 64")));

    verifyNoInteractions(keywords);
  }

  @Test
  void aForgedStopIsRefusedAndNobodyIsOptedOut() throws Exception {
    Map<String, String> stop = form("MessageSid", "SMin3", "From", "+4915123456789", "Body", "STOP");

    call("/webhooks/sms/inbound", stop, "bm90IGEgc2lnbmF0dXJl").andExpect(status().isForbidden())
        .andExpect(content().string(containsString("X-Twilio-Signature")));

    verify(keywords, never()).firstTime(any());
    verify(keywords, never()).apply(any(), any(), any());
  }

  /** Without an auth token nothing can be verified: every call is refused, naming the setting. */
  @Nested
  @TestPropertySource(properties = "journeys.sms.auth-token=")
  class WithoutAnAuthToken {

    // This context's own: the enclosing instance's fields belong to the context with a token.
    @Autowired MockMvc withoutToken;
    @Autowired RecordedStatuses itsOutbox;

    @Test
    void everyCallIsRefusedNamingTheSetting() throws Exception {
      Map<String, String> form = form("MessageSid", SID, "MessageStatus", "delivered");

      withoutToken.perform(request("/webhooks/sms/status", form,
              TwilioWebhookSlice.sign("a-guessed-token", PUBLIC_BASE + "/webhooks/sms/status", form)))
          .andExpect(status().isForbidden())
          .andExpect(content().string(containsString("Expected journeys.sms.auth-token to be set")));

      assertThat(itsOutbox.calls()).isEmpty();
    }
  }

  private ResultActions signed(String path, Map<String, String> form) throws Exception {
    return call(path, form, TwilioWebhookSlice.sign(TOKEN, PUBLIC_BASE + path, form));
  }

  private ResultActions call(String path, Map<String, String> form, String signature) throws Exception {
    return http.perform(request(path, form, signature));
  }

  private static MockHttpServletRequestBuilder request(String path, Map<String, String> form, String signature) {
    MockHttpServletRequestBuilder request = post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")));
    return signature == null ? request : request.header("X-Twilio-Signature", signature);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Map<String, String> form(String... namesAndValues) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      form.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return form;
  }
}
