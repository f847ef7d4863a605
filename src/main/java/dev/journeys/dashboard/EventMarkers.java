package dev.journeys.dashboard;

import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;

/** The symbol inside an event: a clock, an envelope, a lightning bolt, a filled circle, a triangle. */
final class EventMarkers {

  private EventMarkers() {}

  static void draw(StringBuilder svg, EventDefinition definition, double cx, double cy, double r,
      boolean filled) {
    String fill = filled ? " filled" : "";
    if (definition instanceof TimerEventDefinition) {
      double s = r * 0.55;
      svg.append(Shapes.circle(cx, cy, s, "marker")).append("<path class=\"marker\" d=\"M").append(n(cx)).append(',')
          .append(n(cy)).append(" L").append(n(cx)).append(',').append(n(cy - s * 0.8)).append(" M").append(n(cx))
          .append(',').append(n(cy)).append(" L").append(n(cx + s * 0.6)).append(',').append(n(cy)).append("\"/>");
    } else if (definition instanceof MessageEventDefinition) {
      envelope(svg, cx - r * 0.5, cy - r * 0.35, r, r * 0.7, filled);
    } else if (definition instanceof ErrorEventDefinition) {
      double s = r * 0.5;
      svg.append("<path class=\"marker").append(fill).append("\" d=\"M").append(n(cx - s)).append(',')
          .append(n(cy + s)).append(" L").append(n(cx - s * 0.4)).append(',').append(n(cy - s)).append(" L")
          .append(n(cx + s * 0.2)).append(',').append(n(cy + s * 0.2)).append(" L").append(n(cx + s)).append(',')
          .append(n(cy - s)).append(" L").append(n(cx + s * 0.4)).append(',').append(n(cy + s)).append(" L")
          .append(n(cx - s * 0.2)).append(',').append(n(cy - s * 0.2)).append(" Z\"/>");
    } else if (definition instanceof TerminateEventDefinition) {
      svg.append(Shapes.circle(cx, cy, r * 0.55, "marker filled"));
    } else if (definition instanceof SignalEventDefinition) {
      double s = r * 0.55;
      svg.append("<path class=\"marker").append(fill).append("\" d=\"M").append(n(cx)).append(',')
          .append(n(cy - s)).append(" L").append(n(cx + s)).append(',').append(n(cy + s * 0.7)).append(" L")
          .append(n(cx - s)).append(',').append(n(cy + s * 0.7)).append(" Z\"/>");
    }
  }

  static void envelope(StringBuilder svg, double x, double y, double w, double h, boolean filled) {
    svg.append("<g class=\"marker envelope").append(filled ? " filled" : "").append("\"><rect x=\"").append(n(x))
        .append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
        .append("\"/><path d=\"M").append(n(x)).append(',').append(n(y)).append(" L").append(n(x + w / 2))
        .append(',').append(n(y + h / 2)).append(" L").append(n(x + w)).append(',').append(n(y)).append("\"/></g>");
  }

  private static String n(double value) {
    return DiagramSvg.n(value);
  }
}
