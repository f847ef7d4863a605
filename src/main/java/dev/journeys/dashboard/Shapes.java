package dev.journeys.dashboard;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** BPMN's notation, one shape at a time: what each element kind looks like. */
final class Shapes {

  private Shapes() {}

  static void draw(StringBuilder svg, BpmnShape shape, DiagramSvg.Overlay overlay) {
    BaseElement element = shape.getBpmnElement();
    String id = element.getId();
    Bounds b = shape.getBounds();
    String kind = DiagramSvg.kind(element);
    svg.append("<g class=\"el ").append(kind);
    if (overlay.current().contains(id)) {
      svg.append(" current");
    } else if (overlay.visited().contains(id)) {
      svg.append(" visited");
    }
    if (overlay.incidents().getOrDefault(id, 0L) > 0) {
      svg.append(" incident");
    }
    svg.append("\" data-element-id=\"").append(esc(id)).append("\"><title>").append(esc(title(element)))
        .append("</title>");
    switch (kind) {
      case "subprocess" -> subprocess(svg, (SubProcess) element, b);
      case "task" -> task(svg, element, b);
      case "event" -> event(svg, (Event) element, b);
      case "gateway" -> gateway(svg, element, b);
      default -> svg.append(rect(b, 0, ""));
    }
    if (!kind.equals("task") && !kind.equals("subprocess")) {
      outsideLabel(svg, shape, element);
    }
    svg.append("</g>");
  }

  private static String title(BaseElement element) {
    String name = element instanceof FlowNode node && node.getName() != null ? node.getName() + " " : "";
    return name + "(" + element.getElementType().getTypeName() + " " + element.getId() + ")";
  }

  private static void subprocess(StringBuilder svg, SubProcess sub, Bounds b) {
    svg.append(rect(b, 10, sub.triggeredByEvent() ? " event-sub" : ""));
    if (sub.getName() != null) {
      text(svg, "label sub-label", sub.getName(), b.getX() + 10, b.getY() + 18, b.getWidth() - 20, "start");
    }
  }

  private static void task(StringBuilder svg, BaseElement task, Bounds b) {
    svg.append(rect(b, 10, ""));
    double x = b.getX() + 8;
    double y = b.getY() + 8;
    if (task instanceof ServiceTask) {
      // a gear: a ring with four teeth
      svg.append("<g class=\"icon\"><circle cx=\"").append(n(x + 6)).append("\" cy=\"").append(n(y + 6))
          .append("\" r=\"4\"/><path d=\"M").append(n(x + 6)).append(',').append(n(y)).append(" v3 M")
          .append(n(x + 6)).append(',').append(n(y + 9)).append(" v3 M").append(n(x)).append(',').append(n(y + 6))
          .append(" h3 M").append(n(x + 9)).append(',').append(n(y + 6)).append(" h3\"/></g>");
    } else if (task instanceof ReceiveTask) {
      EventMarkers.envelope(svg, x, y, 14, 10, false);
    }
    List<String> lines = wrap(((FlowNode) task).getName(), b.getWidth() - 10);
    double top = b.getY() + b.getHeight() / 2 - (lines.size() - 1) * 7 + 4;
    for (int i = 0; i < lines.size(); i++) {
      text(svg, "label", lines.get(i), b.getX() + b.getWidth() / 2, top + i * 14, b.getWidth(), "middle");
    }
  }

  private static void event(StringBuilder svg, Event event, Bounds b) {
    double r = b.getWidth() / 2;
    double cx = b.getX() + r;
    double cy = b.getY() + r;
    String style = event instanceof StartEvent ? "start" : event instanceof EndEvent ? "end" : "intermediate";
    boolean interrupting = !(event instanceof BoundaryEvent boundary) || boundary.cancelActivity();
    if (event instanceof StartEvent start && !start.isInterrupting()) {
      interrupting = false;
    }
    svg.append(circle(cx, cy, r, "outline " + style + (interrupting ? "" : " non-interrupting")));
    if (style.equals("intermediate")) {
      svg.append(circle(cx, cy, r - 3, "outline inner" + (interrupting ? "" : " non-interrupting")));
    }
    boolean filled = event instanceof ThrowEvent;
    for (EventDefinition definition : definitions(event)) {
      EventMarkers.draw(svg, definition, cx, cy, r, filled);
    }
  }

  private static Collection<EventDefinition> definitions(Event event) {
    if (event instanceof CatchEvent c) {
      return c.getEventDefinitions();
    } else if (event instanceof ThrowEvent t) {
      return t.getEventDefinitions();
    }
    return List.of();
  }

  private static void gateway(StringBuilder svg, BaseElement gateway, Bounds b) {
    double cx = b.getX() + b.getWidth() / 2;
    double cy = b.getY() + b.getHeight() / 2;
    double h = b.getWidth() / 2;
    svg.append("<polygon class=\"outline\" points=\"").append(n(cx)).append(',').append(n(cy - h)).append(' ')
        .append(n(cx + h)).append(',').append(n(cy)).append(' ').append(n(cx)).append(',').append(n(cy + h))
        .append(' ').append(n(cx - h)).append(',').append(n(cy)).append("\"/>");
    double s = h * 0.4;
    if (gateway instanceof ParallelGateway) {
      svg.append("<path class=\"marker thick\" d=\"M").append(n(cx)).append(',').append(n(cy - s)).append(" V")
          .append(n(cy + s)).append(" M").append(n(cx - s)).append(',').append(n(cy)).append(" H").append(n(cx + s))
          .append("\"/>");
    } else if (gateway instanceof EventBasedGateway) {
      svg.append(circle(cx, cy, s * 1.3, "marker")).append(circle(cx, cy, s * 1.05, "marker"));
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        double angle = -Math.PI / 2 + i * 2 * Math.PI / 5;
        points.append(n(cx + s * 0.7 * Math.cos(angle))).append(',').append(n(cy + s * 0.7 * Math.sin(angle))).append(' ');
      }
      svg.append("<polygon class=\"marker\" points=\"").append(points.toString().trim()).append("\"/>");
    } else if (gateway instanceof InclusiveGateway) {
      svg.append(circle(cx, cy, s, "marker thick"));
    } else {
      svg.append("<path class=\"marker thick\" d=\"M").append(n(cx - s * 0.8)).append(',').append(n(cy - s * 0.8))
          .append(" L").append(n(cx + s * 0.8)).append(',').append(n(cy + s * 0.8)).append(" M").append(n(cx + s * 0.8))
          .append(',').append(n(cy - s * 0.8)).append(" L").append(n(cx - s * 0.8)).append(',').append(n(cy + s * 0.8))
          .append("\"/>");
    }
  }

  /** Events' and gateways' names sit outside the shape: where the modeler put the label, else below. */
  private static void outsideLabel(StringBuilder svg, BpmnShape shape, BaseElement element) {
    String name = element instanceof FlowNode node ? node.getName() : null;
    if (name == null || name.isBlank()) {
      return;
    }
    Bounds b = shape.getBounds();
    double cx = b.getX() + b.getWidth() / 2;
    double top = b.getY() + b.getHeight() + 14;
    double width = Math.max(90, b.getWidth() * 2);
    if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
      Bounds l = shape.getBpmnLabel().getBounds();
      cx = l.getX() + l.getWidth() / 2;
      top = l.getY() + 10;
      width = Math.max(l.getWidth(), 60);
    }
    List<String> lines = wrap(name, width);
    for (int i = 0; i < lines.size(); i++) {
      text(svg, "label outside", lines.get(i), cx, top + i * 13, width, "middle");
    }
  }

  static void text(StringBuilder svg, String css, String text, double x, double y, double width) {
    text(svg, css, text, x, y, width, "middle");
  }

  private static void text(StringBuilder svg, String css, String text, double x, double y, double width, String anchor) {
    svg.append("<text class=\"").append(css).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
        .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(text)).append("</text>");
  }

  /** Words over lines of about {@code width} pixels at 12px (about 6.5px a character). */
  static List<String> wrap(String text, double width) {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return lines;
    }
    int max = Math.max(6, (int) (width / 6.5));
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > max) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String rect(Bounds b, double radius, String css) {
    return "<rect class=\"outline" + css + "\" x=\"" + n(b.getX()) + "\" y=\"" + n(b.getY()) + "\" width=\""
        + n(b.getWidth()) + "\" height=\"" + n(b.getHeight()) + "\" rx=\"" + n(radius) + "\"/>";
  }

  static String circle(double cx, double cy, double r, String css) {
    return "<circle class=\"" + css + "\" cx=\"" + n(cx) + "\" cy=\"" + n(cy) + "\" r=\"" + n(r) + "\"/>";
  }

  private static String n(double value) {
    return DiagramSvg.n(value);
  }

  static String esc(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
