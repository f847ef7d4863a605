package dev.journeys.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * For {@code @WebMvcTest} slices of a Twilio-compatible channel's webhooks: the real signature
 * check and form reading ({@link TwilioWebhooks}), with the outbox side replaced by a recorder, so
 * a slice sees exactly which callbacks reached the database and which were refused before it.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TwilioWebhooks.class)
public class TwilioWebhookSlice {

  /** X-Twilio-Signature for a form posted to url, as the provider computes it. */
  public static String sign(String authToken, String url, java.util.Map<String, String> form) {
    java.util.Map<String, List<String>> params = new java.util.LinkedHashMap<>();
    form.forEach((name, value) -> params.put(name, List.of(value)));
    return TwilioSignature.sign(authToken, url, params);
  }

  @Bean
  RecordedStatuses recordedStatuses() {
    return new RecordedStatuses();
  }

  /** What reached the outbox side, one line per call: "status SID STATUS ERROR" or "event KIND SID DETAIL OUTCOME". */
  public static final class RecordedStatuses extends DeliveryStatuses {

    /** The message id the provider's callbacks may name; any other is unknown. */
    public static final String KNOWN_SID = "SM0123456789abcdef0123456789abcdef";

    private final List<String> calls = new CopyOnWriteArrayList<>();

    RecordedStatuses() {
      super(null, null, null);
    }

    @Override
    Applied applyAndRecord(String providerId, String reported, String errorCode) {
      calls.add("status " + providerId + " " + reported + " " + errorCode);
      return KNOWN_SID.equals(providerId) ? Applied.APPLIED : Applied.UNKNOWN_MESSAGE;
    }

    @Override
    void record(String kind, String messageSid, String detail, String customerId, String outcome) {
      calls.add("event " + kind + " " + messageSid + " " + detail + " " + outcome);
    }

    public List<String> calls() {
      return List.copyOf(calls);
    }

    public void clear() {
      calls.clear();
    }
  }
}
