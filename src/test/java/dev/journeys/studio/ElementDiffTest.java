package dev.journeys.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The studio's diff names the elements whose meaning changed, not those merely moved or re-serialised. */
class ElementDiffTest {

  private final String journey = read();

  @Test
  void theSameJourneyHasNoChanges() {
    assertThat(ElementDiff.between(journey, journey)).isEmpty();
  }

  @Test
  void aRenamedStepAndAChangedHeaderAreChanges() {
    String changed = journey.replace("name=\"Send order confirmation\"", "name=\"Confirm the order\"")
        .replaceFirst("key=\"channels\" value=\"email\"", "key=\"channels\" value=\"sms,email\"");
    assertThat(ElementDiff.between(journey, changed)).extracting(ElementDiff.Change::elementId, ElementDiff.Change::change)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("send_order_confirmation", "changed"));
  }

  @Test
  void movingAShapeOrWritingDefaultAttributesIsNoChange() {
    String moved = journey.replaceFirst("(<bpmndi:BPMNShape[^>]*>\\s*<dc:Bounds[^>]*x=\")(\\d+)", "$19$2");
    assertThat(moved).isNotEqualTo(journey);
    String defaults = journey.replace(" cancelActivity=\"true\"", "");
    assertThat(defaults).isNotEqualTo(journey);
    assertThat(ElementDiff.between(journey, moved)).isEmpty();
    assertThat(ElementDiff.between(journey, defaults)).isEmpty();
  }

  @Test
  void addedAndRemovedElementsAreNamed() {
    String without = journey.replaceFirst(
        "<sequenceFlow id=\"flow_order_placed_to_send_order_confirmation\"[^>]*/>", "")
        + "";
    String with = without.replace("</process>",
        "<endEvent id=\"extra_end\" name=\"Extra\"/></process>");
    assertThat(ElementDiff.between(journey, with)).extracting(c -> c.change() + " " + c.elementId())
        .contains("added extra_end", "removed flow_order_placed_to_send_order_confirmation");
  }

  private static String read() {
    try {
      return Files.readString(Path.of("bpmn/post-purchase.bpmn"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
