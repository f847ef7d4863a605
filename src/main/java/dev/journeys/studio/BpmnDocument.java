package dev.journeys.studio;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * A BPMN document read for the studio: its processes' ids and, per element, a fingerprint of what
 * the element says (kind, attributes, headers, conditions, timers) but not where it is drawn, so
 * the diff shows what a customer would notice and not that a shape moved.
 */
final class BpmnDocument {

  static final String MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  /** One semantic element: its kind (serviceTask, ...), name and fingerprint. */
  record Element(String id, String kind, String name, String fingerprint) {}

  /**
   * BPMN attributes at their default value: one tool writes them, another leaves them out (the
   * engine's model writer and bpmn-js differ here), and either way the element means the same.
   */
  private static final Map<String, String> DEFAULTS = Map.of(
      "cancelActivity", "true", "isInterrupting", "true", "parallelMultiple", "false",
      "isForCompensation", "false", "startQuantity", "1", "completionQuantity", "1",
      "triggeredByEvent", "false", "instantiate", "false", "gatewayDirection", "Unspecified",
      "eventGatewayType", "Exclusive");

  private final Document document;

  private BpmnDocument(Document document) {
    this.document = document;
  }

  static BpmnDocument parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // A marketer's upload: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      return new BpmnDocument(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      throw new IllegalArgumentException("Expected BPMN 2.0 XML, but it does not parse: " + e.getMessage(), e);
    }
  }

  /** The ids of the executable processes the document defines. */
  List<String> processIds() {
    List<String> ids = new ArrayList<>();
    var processes = document.getElementsByTagNameNS(MODEL, "process");
    for (int i = 0; i < processes.getLength(); i++) {
      ids.add(((org.w3c.dom.Element) processes.item(i)).getAttribute("id"));
    }
    return ids;
  }

  /** Every semantic element with an id, in document order. */
  Map<String, Element> elements() {
    Map<String, Element> elements = new LinkedHashMap<>();
    collect(document.getDocumentElement(), elements);
    return elements;
  }

  private static void collect(org.w3c.dom.Element element, Map<String, Element> into) {
    if (!MODEL.equals(element.getNamespaceURI())) {
      return; // diagram interchange (shapes, edges) and anything not BPMN semantics
    }
    String id = element.getAttribute("id");
    if (!id.isEmpty() && !element.getLocalName().equals("definitions")) {
      into.put(id, new Element(id, element.getLocalName(), element.getAttribute("name"), fingerprint(element)));
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof org.w3c.dom.Element e) {
        collect(e, into);
      }
    }
  }

  /** The element's own content: attributes and children, except child elements that are elements of their own. */
  private static String fingerprint(org.w3c.dom.Element element) {
    StringBuilder out = new StringBuilder();
    write(element, out, true);
    return out.toString();
  }

  private static void write(org.w3c.dom.Element element, StringBuilder out, boolean top) {
    out.append('<').append(element.getNamespaceURI()).append(':').append(element.getLocalName());
    Map<String, String> attributes = new TreeMap<>();
    NamedNodeMap map = element.getAttributes();
    for (int i = 0; i < map.getLength(); i++) {
      Node a = map.item(i);
      String name = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
      boolean declaration = XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI());
      boolean schemaType = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(a.getNamespaceURI());
      if (!declaration && !schemaType && !a.getNodeValue().equals(DEFAULTS.get(name))) {
        attributes.put(a.getNamespaceURI() + ":" + name, a.getNodeValue());
      }
    }
    attributes.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(v).append('"'));
    out.append('>');
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof org.w3c.dom.Element e) {
        boolean ownElement = MODEL.equals(e.getNamespaceURI()) && !e.getAttribute("id").isEmpty()
            && !e.getLocalName().endsWith("EventDefinition");
        if (!ownElement) {
          write(e, out, false);
        }
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        String text = child.getNodeValue().strip();
        if (!text.isEmpty()) {
          out.append(text);
        }
      }
    }
    out.append("</>");
  }
}
