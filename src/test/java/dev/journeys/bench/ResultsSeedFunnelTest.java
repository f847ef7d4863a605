package dev.journeys.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's funnel seed says in its counters exactly what its history rows say. */
class ResultsSeedFunnelTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  private long one(String sql, Object... params) {
    return engine.query(sql, rs -> rs.getLong(1), params).get(0);
  }

  @Test
  void countersAgreeWithTheSeededHistory() throws Exception {
    long definition = engine.deployXml("post-purchase.bpmn", Files.readString(Path.of("bpmn/post-purchase.bpmn")))
        .getProcesses().get(0).getProcessDefinitionKey();

    ResultsSeedFunnel.seed(engine.dataSource(), 3_000, Instant.parse("2026-06-01T00:00:00Z"));

    List<String> elements = engine.query("SELECT element_id FROM engine_funnel_element WHERE process_definition_key = ? "
        + "AND element_id <> 'post-purchase'", rs -> rs.getString(1), definition);
    assertThat(elements).hasSize(12);
    for (String element : elements) {
      assertThat(one("SELECT journeys FROM engine_funnel_element WHERE process_definition_key = ? AND element_id = ?",
          definition, element)).as(element).isEqualTo(one("SELECT COUNT(DISTINCT process_instance_key) FROM "
          + "engine_element_instance_history WHERE process_definition_key = ? AND element_id = ?", definition, element));
      assertThat(one("SELECT SUM(entered) FROM engine_funnel_timing WHERE process_definition_key = ? AND element_id = ?",
          definition, element)).as("timed entries of %s", element).isEqualTo(one("SELECT journeys FROM "
          + "engine_funnel_element WHERE process_definition_key = ? AND element_id = ?", definition, element));
    }
    String process = "SELECT %s FROM engine_funnel_element WHERE process_definition_key = ? AND element_id = 'post-purchase'";
    String instances = "SELECT COUNT(*) FROM engine_process_instance_history WHERE process_definition_key = ?";
    assertThat(one(process.formatted("journeys"), definition)).isEqualTo(3_000).isEqualTo(one(instances, definition));
    assertThat(one(process.formatted("completed"), definition))
        .isEqualTo(one(instances + " AND state = 'COMPLETED'", definition))
        .isEqualTo(one("SELECT SUM(completed) FROM engine_funnel_element WHERE process_definition_key = ? "
            + "AND element_id <> 'post-purchase'", definition));
    assertThat(one(process.formatted("cancelled + erased"), definition))
        .isEqualTo(one(instances + " AND state = 'TERMINATED'", definition))
        .isEqualTo(one("SELECT COUNT(*) FROM engine_element_instance_history WHERE process_definition_key = ? "
            + "AND state = 'TERMINATED' AND element_kind <> 'SUB_PROCESS'", definition));
    assertThat(one(process.formatted("erased"), definition)).isEqualTo(6);
    assertThat(one("SELECT COUNT(*) FROM engine_incident WHERE process_definition_key = ?", definition)).isEqualTo(30);
  }
}
