package dev.journeys.dashboard;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a BPMN diagram as SVG from the diagram's own layout (its BPMNDI shapes, edges and label
 * bounds), the way Camunda Modeler placed it, with the dashboard's overlays: a green badge of active
 * instances and a red one of open incidents on each element, the elements an instance is at now,
 * and the path it took. Parsing happens once per definition ({@link #parse}); drawing is cheap.
 */
final class DiagramSvg {

  /**
   * Numbers and highlights to draw over the diagram; all may be empty. {@code notes} are short texts
   * drawn above an element (the funnel's "reached" count and rate).
   */
  record Overlay(Map<String, Long> active, Map<String, Long> incidents, Set<String> current, Set<String> visited,
      Map<String, String> notes) {

    Overlay(Map<String, Long> active, Map<String, Long> incidents, Set<String> current, Set<String> visited) {
      this(active, incidents, current, visited, Map.of());
    }

    static Overlay none() {
      return new Overlay(Map.of(), Map.of(), Set.of(), Set.of());
    }
  }

  private final BpmnModelInstance model;
  private final List<BpmnShape> shapes;
  private final List<BpmnEdge> edges;
  private final double[] box;
  private volatile List<String> flowNodeIds;

  private DiagramSvg(BpmnModelInstance model) {
    this.model = model;
    // containers first so tasks inside a subprocess are drawn over it
    this.shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement() != null && s.getBounds() != null)
        .sorted(Comparator.comparingInt(DiagramSvg::layer)).toList();
    this.edges = new ArrayList<>(model.getModelElementsByType(BpmnEdge.class));
    this.box = extent();
  }

  static DiagramSvg parse(String xml) {
    return new DiagramSvg(Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
  }

  boolean hasLayout() {
    return !shapes.isEmpty();
  }

  /** The element's name, or its id when it has none. */
  String nameOf(String elementId) {
    BaseElement element = model.getModelElementById(elementId);
    if (element instanceof FlowNode node && node.getName() != null && !node.getName().isBlank()) {
      return node.getName();
    }
    return elementId;
  }

  /**
   * The diagram's flow elements (tasks, events, gateways, subprocesses) in reading order: left to
   * right by their place in the layout, top to bottom on a tie; without a layout, in document order.
   */
  List<String> flowNodeIds() {
    List<String> known = flowNodeIds;
    if (known == null) {
      known = List.copyOf(readFlowNodeIds());
      flowNodeIds = known; // a deployed definition never changes: read once
    }
    return known;
  }

  private List<String> readFlowNodeIds() {
    Map<String, Bounds> placed = new java.util.HashMap<>();
    for (BpmnShape shape : shapes) {
      placed.put(shape.getBpmnElement().getId(), shape.getBounds());
    }
    List<String> ids = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      ids.add(node.getId());
    }
    if (placed.keySet().containsAll(ids)) {
      ids.sort(Comparator.<String>comparingDouble(id -> placed.get(id).getX())
          .thenComparingDouble(id -> placed.get(id).getY()));
    }
    return ids;
  }

  /**
   * The elements where a path of the journey ends: those directly in the process (not inside a
   * subprocess) that have no outgoing sequence flow. A journey that completes ends its paths there.
   */
  Set<String> pathEnds() {
    Set<String> ends = new java.util.HashSet<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node.getParentElement() instanceof io.camunda.zeebe.model.bpmn.instance.Process
          && node.getOutgoing().isEmpty()) {
        ends.add(node.getId());
      }
    }
    return ends;
  }

  /** Whether the element contains others (a subprocess): the funnel counts where journeys wait, not containers. */
  boolean isContainer(String elementId) {
    return model.getModelElementById(elementId) instanceof SubProcess;
  }

  private static int layer(BpmnShape shape) {
    BaseElement element = shape.getBpmnElement();
    if (element instanceof SubProcess) {
      return depth(element);
    }
    return element instanceof BoundaryEvent ? 200 : 100;
  }

  private static int depth(BaseElement element) {
    int depth = 0;
    for (var parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      depth++;
    }
    return depth;
  }

  private double[] extent() {
    double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = 0, maxY = 0;
    for (BpmnShape shape : shapes) {
      Bounds b = shape.getBounds();
      minX = Math.min(minX, b.getX());
      minY = Math.min(minY, b.getY());
      maxX = Math.max(maxX, b.getX() + b.getWidth());
      maxY = Math.max(maxY, b.getY() + b.getHeight() + 30); // labels below events
    }
    for (BpmnEdge edge : edges) {
      for (Waypoint p : edge.getWaypoints()) {
        minX = Math.min(minX, p.getX());
        minY = Math.min(minY, p.getY());
        maxX = Math.max(maxX, p.getX());
        maxY = Math.max(maxY, p.getY());
      }
    }
    if (minX == Double.MAX_VALUE) {
      return new double[] {0, 0, 100, 100};
    }
    // 40 above: room for the funnel's notes over the topmost elements
    return new double[] {minX - 20, minY - 40, maxX - minX + 40, maxY - minY + 60};
  }

  String render(Overlay overlay) {
    StringBuilder svg = new StringBuilder(16_384);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bpmn\" viewBox=\"")
        .append(n(box[0])).append(' ').append(n(box[1])).append(' ').append(n(box[2])).append(' ').append(n(box[3]))
        .append("\" width=\"").append(n(box[2])).append("\" height=\"").append(n(box[3])).append("\">")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" "
            + "markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/>"
            + "</marker><marker id=\"arrow-taken\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" "
            + "markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead taken\"/>"
            + "</marker></defs>");
    for (BpmnShape shape : shapes) {
      if (shape.getBpmnElement() instanceof SubProcess) {
        Shapes.draw(svg, shape, overlay);
      }
    }
    for (BpmnEdge edge : edges) {
      edge(svg, edge, overlay);
    }
    for (BpmnShape shape : shapes) {
      if (!(shape.getBpmnElement() instanceof SubProcess)) {
        Shapes.draw(svg, shape, overlay);
      }
    }
    for (BpmnShape shape : shapes) {
      badges(svg, shape, overlay);
      note(svg, shape, overlay);
    }
    return svg.append("</svg>").toString();
  }

  private static void edge(StringBuilder svg, BpmnEdge edge, Overlay overlay) {
    BaseElement element = edge.getBpmnElement();
    boolean flow = element instanceof SequenceFlow;
    boolean taken = element instanceof SequenceFlow sf
        && overlay.visited().contains(sf.getSource().getId())
        && (overlay.visited().contains(sf.getTarget().getId()) || overlay.current().contains(sf.getTarget().getId()));
    svg.append("<polyline class=\"flow").append(taken ? " taken" : "").append(flow ? "" : " association")
        .append("\" data-element-id=\"").append(element == null ? "" : Shapes.esc(element.getId()))
        .append("\" points=\"");
    for (Waypoint p : edge.getWaypoints()) {
      svg.append(n(p.getX())).append(',').append(n(p.getY())).append(' ');
    }
    svg.append('"');
    if (flow) {
      svg.append(" marker-end=\"url(#").append(taken ? "arrow-taken" : "arrow").append(")\"");
    }
    svg.append("/>");
    if (element instanceof SequenceFlow sf && sf.getName() != null && !sf.getName().isBlank()
        && edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
      Bounds b = edge.getBpmnLabel().getBounds();
      Shapes.text(svg, "flow-label", sf.getName(), b.getX() + b.getWidth() / 2, b.getY() + 10, b.getWidth() + 20);
    }
  }

  private static void badges(StringBuilder svg, BpmnShape shape, Overlay overlay) {
    String id = shape.getBpmnElement().getId();
    Bounds b = shape.getBounds();
    long active = overlay.active().getOrDefault(id, 0L);
    long incidents = overlay.incidents().getOrDefault(id, 0L);
    double x = b.getX() + b.getWidth() - 8;
    double y = b.getY() - 10;
    if (active > 0) {
      badge(svg, "active", id, active, b.getX() - 8, y);
    }
    if (incidents > 0) {
      badge(svg, "incidents", id, incidents, x - 10, y);
    }
  }

  private static void note(StringBuilder svg, BpmnShape shape, Overlay overlay) {
    String id = shape.getBpmnElement().getId();
    String text = overlay.notes().get(id);
    if (text == null) {
      return;
    }
    Bounds b = shape.getBounds();
    double width = 10 + 6.5 * text.length();
    double x = b.getX() + b.getWidth() / 2 - width / 2;
    double y = b.getY() - 32;
    svg.append("<g class=\"note\" data-element-id=\"").append(Shapes.esc(id)).append("\" data-note=\"")
        .append(Shapes.esc(text)).append("\"><rect x=\"").append(n(x)).append("\" y=\"").append(n(y))
        .append("\" width=\"").append(n(width)).append("\" height=\"18\" rx=\"4\"/><text x=\"")
        .append(n(x + width / 2)).append("\" y=\"").append(n(y + 13)).append("\">").append(Shapes.esc(text))
        .append("</text></g>");
  }

  private static void badge(StringBuilder svg, String kind, String id, long count, double x, double y) {
    String label = Long.toString(count);
    double width = 12 + 7 * label.length();
    svg.append("<g class=\"badge ").append(kind).append("\" data-element-id=\"").append(Shapes.esc(id))
        .append("\" data-count=\"").append(label).append("\"><title>").append(count).append(' ')
        .append(kind.equals("active") ? "active" : "open incident(s)").append("</title><rect x=\"").append(n(x))
        .append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width)).append("\" height=\"18\" rx=\"9\"/>")
        .append("<text x=\"").append(n(x + width / 2)).append("\" y=\"").append(n(y + 13)).append("\">").append(label)
        .append("</text></g>");
  }

  static String n(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
  }

  /** The kinds of shape, for the CSS class: task, subprocess, event, gateway. */
  static String kind(BaseElement element) {
    if (element instanceof SubProcess) {
      return "subprocess";
    } else if (element instanceof Activity) {
      return "task";
    } else if (element instanceof StartEvent || element instanceof EndEvent || element instanceof Event) {
      return "event";
    } else if (element instanceof Gateway) {
      return "gateway";
    }
    return "other";
  }
}
