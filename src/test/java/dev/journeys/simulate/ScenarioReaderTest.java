package dev.journeys.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

  private static final String VALID = """
      name: t
      start: 2026-03-02T09:00:00Z
      customer:
        email: a@example.com
        timeZone: Europe/Berlin
        consents: {email: true}
      order:
        id: X-1
        items:
          - name: Mug
            unitPrice: 10
      events:
        - +5d delivered
        - +2d shipped
        - +6d rating 2
        - +1d12h delayed
        - P7D cancelled too late
      """;

  @Test
  void readsOffsetsInOrderWithTheirArguments() {
    Scenario s = ScenarioReader.read(VALID);
    assertThat(s.customer().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(s.customer().consents()).containsEntry("email", true);
    assertThat(s.horizon()).isEqualTo(Duration.ofDays(400));
    assertThat(s.events()).extracting(Scenario.Event::describe)
        .containsExactly("delayed", "shipped", "delivered", "rating 2", "cancelled too late");
    assertThat(s.events().get(0).offset()).isEqualTo(Duration.ofHours(36));
  }

  @Test
  void anUnknownEventNamesItsLineAndTheEventsThereAre() {
    assertThatThrownBy(() -> ScenarioReader.read(VALID.replace("+2d shipped", "+2d shiped")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("line 14, events[1]: expected an event, one of [shipped, in-transit")
        .hasMessageContaining("but got 'shiped'");
  }

  @Test
  void badValuesNameTheirField() {
    assertThatThrownBy(() -> ScenarioReader.read(VALID.replace("+6d rating 2", "+6d rating 9")))
        .hasMessageStartingWith("line 15, events[2]: expected a rating from 1 to 5");
    assertThatThrownBy(() -> ScenarioReader.read(VALID.replace("Europe/Berlin", "Mars/Olympus")))
        .hasMessage("line 5, customer.timeZone: expected a time zone such as Europe/Berlin or Asia/Shanghai, but got 'Mars/Olympus'");
    assertThatThrownBy(() -> ScenarioReader.read(VALID.replace("unitPrice: 10", "unitPrice: ten")))
        .hasMessage("line 11, order.items[0].unitPrice: expected a number of at least 0, but got 'ten'");
    assertThatThrownBy(() -> ScenarioReader.read(VALID.replace("+5d delivered", "in 5 days delivered")))
        .hasMessageStartingWith("line 13, events[0]: expected '<offset> <event>'");
    assertThatThrownBy(() -> ScenarioReader.read(VALID.replace("  email: a@", "  emial: a@")))
        .hasMessageStartingWith("line 4, customer.emial: unknown field; expected one of [consents, country, email");
    assertThatThrownBy(() -> ScenarioReader.read(VALID.replace("+6d rating 2", "+500d rating 2")))
        .hasMessage("line 15, events[2]: is at +500d, after the horizon (+400d)");
  }

  @Test
  void missingPartsAndBrokenYamlAreNamed() {
    assertThatThrownBy(() -> ScenarioReader.read("name: x\ncustomer: {}\n"))
        .hasMessage("line 1, order: is required");
    assertThatThrownBy(() -> ScenarioReader.read("name: [x\n"))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("(syntax)");
  }

  @Test
  void jsonIsAcceptedToo() {
    Scenario s = ScenarioReader.read("""
        {"customer": {"email": "a@example.com"}, "order": {"items": [{"name": "Mug", "unitPrice": 3}]},
         "events": ["+1d shipped"]}""");
    assertThat(s.order().total()).isEqualByComparingTo("3");
    assertThat(s.events()).hasSize(1);
  }
}
