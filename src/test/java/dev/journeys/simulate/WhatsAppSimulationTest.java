package dev.journeys.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysApplication;
import dev.journeys.simulate.Timeline.Entry;
import dev.journeys.simulate.Timeline.What;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A shop that enabled WhatsApp simulates a journey whose shipping update goes by WhatsApp: the
 * message goes to the sandbox though an account is configured, and the simulator's timeline shows
 * it as the sandbox caught it; simulate names no channel of its own.
 */
// It sets system properties every app started in this JVM reads: nothing else runs meanwhile.
@Isolated
class WhatsAppSimulationTest {

  /**
   * The settings of a shop with a WhatsApp account, as its environment would give them: the
   * simulation must not reach the provider (here nothing listens), but the sandbox.
   */
  private static final Map<String, String> WHATSAPP = Map.of(
      "journeys.notify.whatsapp.enabled", "true",
      "journeys.notify.whatsapp.account-sid", "AC00000000000000000000000000000077",
      "journeys.notify.whatsapp.auth-token", "not-to-be-used",
      "journeys.notify.whatsapp.base-url", "http://127.0.0.1:9",
      "journeys.notify.whatsapp.from", "+14155238886",
      "journeys.notify.whatsapp.templates.shipping-update.en", "HX0123456789abcdef0123456789abcdef");

  @Test
  void aShippingUpdateByWhatsAppIsInTheTimelineWithItsTemplateAndVariables() throws IOException {
    Scenario scenario = ScenarioReader.read("""
        start: 2026-03-02T09:00:00Z
        customer: {id: wa-1, email: wa@example.com, phone: "+4915112345679", country: DE,
                   timeZone: Europe/Berlin, consents: {whatsapp: true}}
        order:
          id: W-1
          items: [{name: Mug, unitPrice: 5}]
        events: ["+1d shipped"]
        """);
    String bpmn = Files.readString(Path.of("bpmn/post-purchase.bpmn"));
    String byWhatsApp = bpmn.replace("""
        <zeebe:header key="template" value="shipping-update"/>
                    <zeebe:header key="channels" value="email,sms,push"/>""", """
        <zeebe:header key="template" value="shipping-update"/>
                    <zeebe:header key="channels" value="whatsapp,email"/>""");
    assertThat(byWhatsApp).as("the shipping update step of post-purchase.bpmn").isNotEqualTo(bpmn);

    Timeline t = withSystemProperties(WHATSAPP, () -> Simulator.run(JourneysApplication.class, scenario,
        new Simulator.Journey("post-purchase.bpmn", byWhatsApp.getBytes(StandardCharsets.UTF_8)),
        Simulator.Progress.NONE));

    Entry whatsapp = t.entries().stream()
        .filter(e -> e.what() == What.MESSAGE && "whatsapp".equals(e.channel()))
        .findFirst().orElseThrow(() -> new AssertionError("no WhatsApp message in " + t.entries()));
    assertThat(whatsapp.template()).isEqualTo("shipping-update");
    assertThat(whatsapp.status()).isEqualTo("SENT");
    assertThat(whatsapp.text()).contains("HX0123456789abcdef0123456789abcdef", "{{1}} W-1", "{{2}} has shipped");
    assertThat(t.sent()).contains("whatsapp shipping-update").doesNotContain("email shipping-update");
  }

  private static <T> T withSystemProperties(Map<String, String> properties, java.util.function.Supplier<T> run) {
    properties.forEach(System::setProperty);
    try {
      return run.get();
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }
}
