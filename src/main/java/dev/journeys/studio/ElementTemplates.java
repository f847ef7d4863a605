package dev.journeys.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The element templates of the repository's element-templates/ folder (packaged as
 * classpath:element-templates/), for the studio's editor: the same files Camunda Modeler loads, so
 * a send-message step offers the same choices in both.
 */
@Component
class ElementTemplates {

  static final String LOCATION = "classpath:element-templates/*.json";

  private final ArrayNode templates;

  ElementTemplates(ResourcePatternResolver resolver, ObjectMapper json) {
    this.templates = load(resolver, json);
  }

  /** Every template, as one JSON array (a file may hold one template or an array of them). */
  ArrayNode all() {
    return templates.deepCopy();
  }

  private static ArrayNode load(ResourcePatternResolver resolver, ObjectMapper json) {
    ArrayNode all = json.createArrayNode();
    try {
      Resource[] files = resolver.getResources(LOCATION);
      Arrays.sort(files, Comparator.comparing(Resource::getFilename));
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          JsonNode node = json.readTree(in);
          if (node.isArray()) {
            all.addAll((ArrayNode) node);
          } else {
            all.add(node);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the element templates at " + LOCATION, e);
    }
    return all;
  }
}
