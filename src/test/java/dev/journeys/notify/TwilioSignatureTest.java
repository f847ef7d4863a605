package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** X-Twilio-Signature against a signature computed here by hand from the documented recipe. */
class TwilioSignatureTest {

  private static final String TOKEN = "12345";
  private static final String URL = "https://shop.example.com/journeys/webhooks/sms/status?tenant=a";

  @Test
  void signsTheUrlThenEveryParameterSortedByName() throws Exception {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("To", List.of("+4915123456789"));
    params.put("MessageStatus", List.of("delivered"));
    params.put("AccountSid", List.of("AC1"));
    params.put("MessageSid", List.of("SM1"));
    String byHand = hmacSha1Base64(URL + "AccountSidAC1" + "MessageSidSM1" + "MessageStatusdelivered" + "To+4915123456789");

    assertThat(TwilioSignature.sign(TOKEN, URL, params)).isEqualTo(byHand);
    assertThat(TwilioSignature.matches(TOKEN, URL, params, byHand)).isTrue();
  }

  @Test
  void anythingChangedBreaksIt() throws Exception {
    Map<String, List<String>> params = Map.of("MessageSid", List.of("SM1"), "MessageStatus", List.of("sent"));
    String signature = TwilioSignature.sign(TOKEN, URL, params);

    assertThat(TwilioSignature.matches(TOKEN, URL, Map.of("MessageSid", List.of("SM1"), "MessageStatus", List.of("failed")), signature)).isFalse();
    assertThat(TwilioSignature.matches(TOKEN, URL.replace("https", "http"), params, signature)).isFalse();
    assertThat(TwilioSignature.matches("54321", URL, params, signature)).isFalse();
    assertThat(TwilioSignature.matches(TOKEN, URL, params, null)).isFalse();
    // Without an auth token nothing verifies, not even a signature made with an empty key.
    assertThat(TwilioSignature.matches("", URL, params, TwilioSignature.sign("x", URL, params))).isFalse();
  }

  private static String hmacSha1Base64(String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }
}
