package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The post-purchase journey drawn from its own layout, with counts and an instance's position. */
class DiagramSvgTest {

  private static String xml() throws IOException {
    return Files.readString(Path.of("bpmn", "post-purchase.bpmn"));
  }

  private static int count(String svg, String regex) {
    return (int) Pattern.compile(regex).matcher(svg).results().count();
  }

  @Test
  void drawsEveryShapeAndEdgeOfTheLayoutInBpmnNotation() throws IOException {
    String xml = xml();
    String svg = DiagramSvg.parse(xml).render(DiagramSvg.Overlay.none());

    assertThat(count(svg, "<g class=\"el ")).isEqualTo(count(xml, "<bpmndi:BPMNShape"));
    assertThat(count(svg, "<polyline class=\"flow")).isEqualTo(count(xml, "<bpmndi:BPMNEdge"));
    assertThat(count(svg, "marker-end=\"url\\(#arrow\\)\"")).as("sequence flows end in arrows")
        .isEqualTo(count(xml, "<sequenceFlow"));
    assertThat(svg).contains("<g class=\"el task\" data-element-id=\"send_order_confirmation\"")
        .contains("<g class=\"el subprocess\" data-element-id=\"shipping\"")
        .contains("<g class=\"el gateway\" data-element-id=\"delivered_yet\"");
    assertThat(svg).as("end events are thick").containsPattern("data-element-id=\"order_delivered\">.*?class=\"outline end\"");
    assertThat(svg).as("timer events show a clock in a double ring")
        .containsPattern("data-element-id=\"one_day_after_delivery\">.*?outline inner.*?<circle class=\"marker\"");
    assertThat(svg).as("the shipping subprocess is drawn at the modeler's bounds")
        .containsPattern("data-element-id=\"shipping\">.*?<rect class=\"outline\" x=\"\\d+\" y=\"\\d+\" width=\"\\d+\"");
    assertThat(svg).contains(">Send order</text>").contains(">confirmation</text>");
    assertThat(svg).doesNotContain("class=\"badge");
  }

  @Test
  void overlaysCountsAndAnInstancesPath() throws IOException {
    DiagramSvg diagram = DiagramSvg.parse(xml());
    String svg = diagram.render(new DiagramSvg.Overlay(Map.of("await_shipment_update", 1234L),
        Map.of("send_order_confirmation", 7L), Set.of("await_shipment_update"), Set.of("order_placed",
            "send_order_confirmation", "shipping_started")));

    assertThat(svg).contains("<g class=\"badge active\" data-element-id=\"await_shipment_update\" data-count=\"1234\">")
        .contains("<g class=\"badge incidents\" data-element-id=\"send_order_confirmation\" data-count=\"7\">")
        .contains("<g class=\"el task current\" data-element-id=\"await_shipment_update\"")
        .contains("<g class=\"el task visited incident\" data-element-id=\"send_order_confirmation\"")
        .contains("data-element-id=\"flow_order_placed_to_send_order_confirmation\"")
        .containsPattern("class=\"flow taken\" data-element-id=\"flow_shipping_started_to_await_shipment_update\"");
    assertThat(diagram.nameOf("send_order_confirmation")).isEqualTo("Send order confirmation");
  }

  @Test
  void escapesNamesIntoTheSvg() {
    String xml = io.camunda.zeebe.model.bpmn.Bpmn.convertToString(io.camunda.zeebe.model.bpmn.Bpmn
        .createExecutableProcess("p").startEvent("s").name("<script>alert(1)</script> & co").endEvent("e").done());
    String svg = DiagramSvg.parse(xml).render(DiagramSvg.Overlay.none());
    assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;");
  }
}
