package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** bpmn/post-purchase.bpmn, as packaged on the classpath, says what the workers expect. */
class PostPurchaseModelTest {

  @Test
  void sendsTheOrderConfirmationThroughTheSendMessageWorker() throws Exception {
    BpmnModelInstance model;
    try (var in = new ClassPathResource("bpmn/post-purchase.bpmn").getInputStream()) {
      model = Bpmn.readModelFromStream(in);
    }
    Bpmn.validateModel(model);

    Process process = model.getModelElementById(Journeys.POST_PURCHASE);
    assertThat(process.isExecutable()).isTrue();
    ServiceTask task = model.getModelElementById("send_order_confirmation");
    ZeebeTaskDefinition definition =
        task.getSingleExtensionElement(ZeebeTaskDefinition.class);
    assertThat(definition.getType()).isEqualTo("send-message");
    // 8 retries with doubling waits (journeys.notify.retry-backoff .. retry-backoff-max): ~15 min of outage
    assertThat(definition.getRetries()).isEqualTo("8");
    Map<String, String> headers =
        task.getSingleExtensionElement(ZeebeTaskHeaders.class).getHeaders().stream()
            .collect(Collectors.toMap(ZeebeHeader::getKey, ZeebeHeader::getValue));
    assertThat(headers)
        .containsEntry("template", "order-confirmation")
        .containsEntry("channels", "email")
        .containsEntry("purpose", "transactional");
    assertThat(model.getDefinitions().getDomElement().getAttribute(
            "http://camunda.org/schema/modeler/1.0", "executionPlatform"))
        .isEqualTo("Camunda Cloud");
  }
}
