package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A search over 100,000 instances of history answers the right page. Only correctness is asserted;
 * how fast it answers belongs to a benchmark, not to a test on a shared machine.
 */
class LargeHistoryTest {

  private static final int INSTANCES = 100_000;
  private static final long FIRST_KEY = 1L << 52;
  private static final long START_MILLIS = 1_767_225_600_000L;

  private final EngineHarness engine = EngineHarness.inMemory();

  @BeforeEach
  void insertHistory() throws SQLException {
    try (Connection connection = engine.dataSource().getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO engine_process_instance_history (process_instance_key, process_definition_key, bpmn_process_id, "
                + "process_version, state, start_date, end_date, tenant_id) VALUES (?, ?, ?, 1, ?, ?, ?, '<default>')")) {
      connection.setAutoCommit(false);
      for (int i = 0; i < INSTANCES; i++) {
        // every fourth instance is still active; journeys alternate between two processes
        boolean active = i % 4 == 0;
        insert.setLong(1, FIRST_KEY + i);
        insert.setLong(2, i % 2 == 0 ? 1L : 2L);
        insert.setString(3, i % 2 == 0 ? "post-purchase" : "anniversary");
        insert.setString(4, active ? "ACTIVE" : "COMPLETED");
        insert.setLong(5, START_MILLIS + i * 1000L);
        insert.setObject(6, active ? null : START_MILLIS + i * 1000L + 500);
        insert.addBatch();
        if (i % 10_000 == 9_999) {
          insert.executeBatch();
        }
      }
      connection.commit();
    }
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aFilteredSearchOverAHundredThousandInstancesAnswersTheRightPage() {
    SearchResponse<ProcessInstance> page = engine.client().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("post-purchase").state(ProcessInstanceState.ACTIVE))
        .page(p -> p.limit(50))
        .send().join();

    assertThat(page.page().totalItems()).as("capped as Camunda caps it").isEqualTo(10_000);
    assertThat(page.page().hasMoreTotalItems()).isTrue();
    assertThat(page.items()).hasSize(50);
    assertThat(page.items()).allSatisfy(instance -> {
      assertThat(instance.getProcessDefinitionId()).isEqualTo("post-purchase");
      assertThat(instance.getState()).isEqualTo(ProcessInstanceState.ACTIVE);
      assertThat(instance.getEndDate()).isNull();
    });
    assertThat(page.items()).extracting(ProcessInstance::getProcessInstanceKey)
        .startsWith(FIRST_KEY, FIRST_KEY + 4, FIRST_KEY + 8).isSorted();
  }

  @Test
  void aNarrowerSearchCountsExactly() {
    OffsetDateTime start = OffsetDateTime.ofInstant(Instant.ofEpochMilli(START_MILLIS), ZoneOffset.UTC);
    SearchResponse<ProcessInstance> page = engine.client().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("anniversary").startDate(d -> d.gte(start).lt(start.plusSeconds(1000))))
        .sort(s -> s.startDate().desc())
        .page(p -> p.limit(10))
        .send().join();

    assertThat(page.page().totalItems()).isEqualTo(500);
    assertThat(page.page().hasMoreTotalItems()).isFalse();
    assertThat(page.items()).extracting(ProcessInstance::getProcessInstanceKey).first().isEqualTo(FIRST_KEY + 999);
  }
}
