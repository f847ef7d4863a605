package dev.journeys.journey;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The {@code send-message} steps of the journeys a deployment sends, as their headers name them:
 * what start-up checks need to know about the messages the journeys will send.
 */
public final class SendSteps {

  /** One send-message task: its template, channels (in the header's order) and purpose. */
  public record Step(String file, String elementId, String template, List<String> channels, String purpose) {

    public boolean marketing() {
      return "marketing".equals(purpose);
    }
  }

  private SendSteps() {}

  /**
   * @param resources a Spring resource pattern, as {@code journeys.deployment.resources}
   * @return the steps of every readable model; a model that does not parse has none (lint and the
   *     deployment report it)
   */
  public static List<Step> in(String resources) {
    List<Step> steps = new ArrayList<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(resources)) {
        if (resource.isReadable()) {
          steps.addAll(in(resource));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return steps;
  }

  private static List<Step> in(Resource resource) throws IOException {
    BpmnModelInstance model;
    try (InputStream in = resource.getInputStream()) {
      model = Bpmn.readModelFromStream(in);
    } catch (RuntimeException unreadable) {
      return List.of();
    }
    List<Step> steps = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      ZeebeTaskDefinition definition = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
      ZeebeTaskHeaders headers = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
      if (definition == null || !"send-message".equals(definition.getType()) || headers == null) {
        continue;
      }
      String template = null;
      String channels = null;
      String purpose = null;
      for (ZeebeHeader header : headers.getHeaders()) {
        switch (header.getKey()) {
          case "template" -> template = header.getValue();
          case "channels" -> channels = header.getValue();
          case "purpose" -> purpose = header.getValue();
          default -> { }
        }
      }
      if (template != null) {
        List<String> named = channels == null ? List.of()
            : Arrays.stream(channels.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        steps.add(new Step(resource.getFilename(), node.getId(), template, named, purpose));
      }
    }
    return steps;
  }
}
