package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The funnel of a process version (Journeys' own /journeys/v1 endpoint): a known set of journeys of
 * two versions, some completed after known times, some cancelled, one erased, one in an incident,
 * and every count asserted, together with the buckets of the median and 90th percentile.
 */
class FunnelApiTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();
  private final CamundaClient client = engine.client();
  private final Http http = new Http(engine.restAddress());

  @AfterEach
  void stop() {
    engine.close();
  }

  private long start() {
    return engine.createInstance(Journeys.ORDER).getProcessInstanceKey();
  }

  private void advance(long seconds) {
    engine.controlledClock().advance(Duration.ofSeconds(seconds));
  }

  private JsonNode funnel(long definitionKey) {
    Http.Response response = http.get(FunnelApi.PATH.replace("{processDefinitionKey}", Long.toString(definitionKey)));
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private static Map<String, JsonNode> byElement(JsonNode funnel) {
    Map<String, JsonNode> elements = new HashMap<>();
    funnel.get("elements").forEach(e -> elements.put(e.get("elementId").asText(), e));
    return elements;
  }

  private static void assertCounts(JsonNode element, long entered, long completed, long cancelled, long erased,
      long incidents) {
    assertThat(element.get("journeys").asLong()).as("journeys %s", element).isEqualTo(entered);
    assertThat(element.get("entered").asLong()).as("entered %s", element).isEqualTo(entered);
    assertThat(element.get("completed").asLong()).as("completed %s", element).isEqualTo(completed);
    assertThat(element.get("cancelled").asLong()).as("cancelled %s", element).isEqualTo(cancelled);
    assertThat(element.get("erased").asLong()).as("erased %s", element).isEqualTo(erased);
    assertThat(element.get("incidents").asLong()).as("incidents %s", element).isEqualTo(incidents);
  }

  /** The quantile's bucket holds the duration, is one step of 1.1 wide, and its middle is within 5 %. */
  private static void assertAround(JsonNode quantile, long millis) {
    long from = quantile.get("fromMillis").asLong();
    long until = quantile.get("untilMillis").asLong();
    assertThat(millis).isGreaterThanOrEqualTo(from).isLessThan(until);
    assertThat((double) until / from).isCloseTo(1.1, org.assertj.core.data.Offset.offset(0.001));
    assertThat((double) quantile.get("millis").asLong()).isCloseTo(millis, org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  void countsEveryJourneyOfEachVersionWhereItWentAndWhereItEnded() {
    long v1 = engine.deploy(Journeys.order()).getProcesses().get(0).getProcessDefinitionKey();
    start();
    start();
    start();
    advance(10);
    engine.completeNext("send-confirmation", Map.of()); // done 10 s after its start
    advance(90);
    engine.completeNext("send-confirmation", Map.of()); // 100 s
    advance(900);
    engine.completeNext("send-confirmation", Map.of()); // 1000 s
    client.newCancelInstanceCommand(start()).send().join();
    long erased = start();
    client.newSetVariablesCommand(erased).variables(Map.of("journeyEndReason", "erased")).send().join();
    client.newCancelInstanceCommand(erased).send().join();
    long failing = start();
    var job = engine.activateOne("send-confirmation");
    client.newFailCommand(job.getKey()).retries(0).send().join();
    engine.awaitIncident(failing);
    start(); // still waiting

    long v2 = engine.deploy(Journeys.orderV2()).getProcesses().get(0).getProcessDefinitionKey();
    start();
    long cancelledAtThanks = start();
    advance(5);
    var confirmations = engine.activate("send-confirmation", 10, Duration.ofSeconds(5)).stream()
        .filter(j -> j.getProcessDefinitionKey() == v2).toList(); // the first version's waiting journey stays
    assertThat(confirmations).hasSize(2);
    confirmations.forEach(engine::complete);
    advance(5);
    var thanks = engine.activate("send-thanks", 2, Duration.ofSeconds(5));
    assertThat(thanks).hasSize(2);
    var other = thanks.stream().filter(t -> t.getProcessInstanceKey() != cancelledAtThanks).findFirst().orElseThrow();
    engine.complete(other);
    client.newCancelInstanceCommand(cancelledAtThanks).send().join();

    JsonNode first = funnel(v1);
    JsonNode journeys = first.get("journeys");
    assertThat(journeys.get("started").asLong()).isEqualTo(7);
    assertThat(journeys.get("completed").asLong()).isEqualTo(3);
    assertThat(journeys.get("cancelled").asLong()).isEqualTo(1);
    assertThat(journeys.get("erased").asLong()).isEqualTo(1);
    assertThat(journeys.get("incidents").asLong()).isEqualTo(1);
    Map<String, JsonNode> elements = byElement(first);
    assertThat(elements.keySet()).containsExactlyInAnyOrder("placed", "confirm", "done");
    assertCounts(elements.get("placed"), 7, 0, 0, 0, 0);
    assertCounts(elements.get("confirm"), 7, 0, 1, 1, 1);
    assertCounts(elements.get("done"), 3, 3, 0, 0, 0);
    assertThat(elements.get("confirm").get("sinceStartMedian").get("bucket").asInt()).as("entered at once").isZero();
    assertThat(elements.get("confirm").get("sinceStartP90").get("untilMillis").asLong()).isEqualTo(1000);
    assertAround(elements.get("done").get("sinceStartMedian"), 100_000);
    assertAround(elements.get("done").get("sinceStartP90"), 1_000_000);

    Map<String, JsonNode> second = byElement(funnel(v2));
    assertThat(funnel(v2).get("journeys").get("started").asLong()).isEqualTo(2);
    assertCounts(second.get("confirm"), 2, 0, 0, 0, 0);
    assertCounts(second.get("thank"), 2, 0, 1, 0, 0);
    assertCounts(second.get("done"), 1, 1, 0, 0, 0);
    assertAround(second.get("thank").get("sinceStartMedian"), 5_000);
    assertAround(second.get("done").get("sinceStartMedian"), 10_000);

    // what Camunda's statistics endpoint says agrees: entered = active + completed + canceled + incidents
    for (ProcessElementStatistics s : client.newProcessDefinitionElementStatisticsRequest(v1).send().join()) {
      assertThat(s.getActive() + s.getCompleted() + s.getCanceled() + s.getIncidents()).as(s.getElementId())
          .isEqualTo(elements.get(s.getElementId()).get("entered").asLong());
    }

    // purging ended journeys' history leaves the funnel as it was: it counts every journey since deployment
    assertThat(new dev.journeys.engine.state.HistoryRetention(engine.dataSource()).purgeEndedBefore(Long.MAX_VALUE, 100))
        .as("ended journeys of both versions").isEqualTo(7);
    assertThat(funnel(v1)).isEqualTo(first);
  }

  @Test
  void aJourneyPassingAStepTwiceReachesItOnceAndEntersItTwice() {
    long definition = engine.deploy(io.camunda.zeebe.model.bpmn.Bpmn.createExecutableProcess("looping")
        .startEvent("begin")
        .exclusiveGateway("again")
        .serviceTask("ask", t -> t.zeebeJobType("ask"))
        .exclusiveGateway("answered").defaultFlow().endEvent("finish")
        .moveToLastExclusiveGateway().condition("=retry").connectTo("again")
        .done()).getProcesses().get(0).getProcessDefinitionKey();
    engine.createInstance("looping");
    advance(30);
    engine.completeNext("ask", Map.of("retry", true)); // asked again
    advance(60);
    engine.completeNext("ask", Map.of("retry", false));

    Map<String, JsonNode> elements = byElement(funnel(definition));

    assertThat(elements.get("ask").get("journeys").asLong()).isEqualTo(1);
    assertThat(elements.get("ask").get("entered").asLong()).isEqualTo(2);
    assertThat(elements.get("ask").get("sinceStartMedian").get("bucket").asInt()).as("first reached at once").isZero();
    assertAround(elements.get("finish").get("sinceStartMedian"), 90_000);
    assertThat(elements.get("finish").get("completed").asLong()).isEqualTo(1);
  }

  @Test
  void anUnknownDefinitionIsNotFound() {
    assertThat(http.get(FunnelApi.PATH.replace("{processDefinitionKey}", "5")).status()).isEqualTo(404);
  }
}
