package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.command.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the API refuses, as Camunda does (problem JSON naming what was wrong), and the two shapes a
 * filter property may take: a plain value or an operator object.
 */
class BadRequestTest {

  private final EngineHarness engine = EngineHarness.inMemory();
  private Http http;
  private long instanceKey;

  @BeforeEach
  void start() {
    http = new Http(engine.restAddress());
    engine.deploy(Journeys.order());
    instanceKey = engine.createInstance(Journeys.ORDER, Map.of("orderId", "o-1")).getProcessInstanceKey();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void anUnsupportedFilterPropertyIsABadRequestNamingIt() {
    Http.Response response = http.post("/v2/process-instances/search", "{\"filter\": {\"colour\": \"red\"}}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("status").asInt()).isEqualTo(400);
    assertThat(response.json().get("title").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(response.json().get("detail").asText()).startsWith("Expected filter properties").contains("'filter.colour'");
    assertThat(response.json().get("instance").asText()).isEqualTo("/v2/process-instances/search");
  }

  @Test
  void aFilterCamundaHasButTheEngineDoesNotIsABadRequestThroughTheClientToo() {
    ProblemException problem = catchThrowableOfType(ProblemException.class, () -> engine.client()
        .newProcessInstanceSearchRequest().filter(f -> f.processDefinitionName("Order journey")).send().join());

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("'filter.processDefinitionName'");
  }

  @Test
  void wrongOperatorsValuesSortFieldsAndPagesAreBadRequests() {
    assertThat(detail("/v2/process-instances/search", "{\"filter\": {\"processInstanceKey\": {\"$like\": \"1*\"}}}"))
        .contains("filter.processInstanceKey", "'$like'");
    assertThat(detail("/v2/process-instances/search", "{\"filter\": {\"state\": \"SLEEPING\"}}"))
        .contains("filter.state", "'SLEEPING'");
    assertThat(detail("/v2/process-instances/search", "{\"filter\": {\"startDate\": {\"$gt\": \"yesterday\"}}}"))
        .contains("filter.startDate.$gt");
    assertThat(detail("/v2/incidents/search", "{\"sort\": [{\"field\": \"colour\"}]}")).contains("sort[0].field", "'colour'");
    assertThat(detail("/v2/variables/search", "{\"page\": {\"limit\": 20000}}")).contains("page.limit");
    assertThat(detail("/v2/variables/search", "{\"pages\": {}}")).contains("pages");
    assertThat(detail("/v2/variables/search", "{not json")).startsWith("Expected the request body to be JSON");
  }

  private String detail(String path, String body) {
    Http.Response response = http.post(path, body);
    assertThat(response.status()).as("status of %s", body).isEqualTo(400);
    return response.json().get("detail").asText();
  }

  @Test
  void plainValuesAndOperatorObjectsSelectTheSameInstances() {
    String plain = "{\"filter\": {\"processDefinitionId\": \"order-journey\", \"processInstanceKey\": \"" + instanceKey
        + "\", \"variables\": [{\"name\": \"orderId\", \"value\": \"\\\"o-1\\\"\"}]}}";
    String operators = "{\"filter\": {\"processDefinitionId\": {\"$like\": \"order-*\"}, \"processInstanceKey\": {\"$in\": [\""
        + instanceKey + "\"]}, \"state\": {\"$neq\": \"COMPLETED\"}, \"endDate\": {\"$exists\": false}}}";
    String elementsByOperator = "{\"filter\": {\"processInstanceKey\": {\"$eq\": \"" + instanceKey
        + "\"}, \"elementId\": {\"$in\": [\"placed\", \"confirm\"]}}}";

    assertThat(http.post("/v2/process-instances/search", plain).json().at("/page/totalItems").asLong()).isEqualTo(1);
    assertThat(http.post("/v2/process-instances/search", operators).json().at("/items/0/processInstanceKey").asText())
        .isEqualTo(Long.toString(instanceKey));
    assertThat(http.post("/v2/element-instances/search", elementsByOperator).json().at("/page/totalItems").asLong())
        .isEqualTo(2);
  }

  @Test
  void unknownKeysAreNotFoundAndMalformedKeysBadRequests() {
    assertThat(http.get("/v2/process-instances/123").status()).isEqualTo(404);
    assertThat(http.get("/v2/incidents/123").json().get("title").asText()).isEqualTo("NOT_FOUND");
    assertThat(http.get("/v2/process-instances/abc").json().get("detail").asText())
        .isEqualTo("Expected processInstanceKey to be a number, but it is 'abc'");
  }

  @Test
  void endpointsCamundaHasAndTheEngineDoesNotAreNotImplementedByName() {
    Http.Response response = http.post("/v2/user-tasks/search", "{}");

    assertThat(response.status()).isEqualTo(501);
    assertThat(response.json().get("detail").asText()).contains("POST /v2/user-tasks/search");
    assertThat(http.get("/elsewhere").status()).isEqualTo(404);
  }
}
