package dev.journeys.notify.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS provider: a Twilio-compatible Messages API. Without an account SID, SMS goes to the
 * sandbox (table sandbox_sms, GET /api/sandbox/sms), as email does without an SMTP host.
 *
 * @param baseUrl the API's root; tests point it at WireMock
 * @param accountSid the account the messages are sent under; unset means sandbox
 * @param authToken the basic-auth password; never commit one
 * @param from the sender number (E.164) or alphanumeric id; used when messagingServiceSid is unset
 * @param messagingServiceSid a messaging service that picks the sender; wins over from
 * @param statusCallbackUrl where the provider reports delivery status; unset, it is
 *     {webhook base}/webhooks/sms/status
 * @param webhookBaseUrl the public address the provider calls our webhooks at, and signs
 *     (X-Twilio-Signature covers the full URL): set it when a proxy puts the app under another
 *     address or path than journeys.public-base-url, which it defaults to
 * @param maxSegments the longest SMS a template may render, in segments (GSM-7 153, UCS-2 67
 *     characters each when split); templates are checked against it at start-up
 * @param timeout how long one API call may take before it counts as a provider failure
 */
@ConfigurationProperties("journeys.sms")
record SmsProperties(
    @DefaultValue("https://api.twilio.com") String baseUrl,
    String accountSid,
    String authToken,
    String from,
    String messagingServiceSid,
    String statusCallbackUrl,
    String webhookBaseUrl,
    @DefaultValue("2") int maxSegments,
    @DefaultValue("10s") Duration timeout) {

  boolean sandbox() {
    return accountSid == null || accountSid.isBlank();
  }
}
