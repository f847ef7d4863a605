package dev.journeys.scenarios;

import static org.awaitility.Awaitility.await;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a journey is, read from the embedded engine's tables: for the few checks that an email
 * did NOT go out, which need to know the journey has decided not to send it rather than not yet.
 */
final class EngineView {

  private final JdbcClient jdbc;

  EngineView(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Waits until the journey waits at (or works on) this element, e.g. a timer. */
  void awaitAt(long processInstanceKey, String elementId) {
    await("journey " + processInstanceKey + " at " + elementId).atMost(Mailbox.WAIT)
        .until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM engine_element_instance
                WHERE process_instance_key = ? AND element_id = ?""")
            .params(processInstanceKey, elementId).query(Long.class).single() > 0);
  }

  /** Waits until the journey has completed this element (e.g. an end event). */
  void awaitCompleted(long processInstanceKey, String elementId) {
    await("journey " + processInstanceKey + " past " + elementId).atMost(Mailbox.WAIT)
        .until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM engine_element_instance_history
                WHERE process_instance_key = ? AND element_id = ? AND state = 'COMPLETED'""")
            .params(processInstanceKey, elementId).query(Long.class).single() > 0);
  }

  /** Waits until the journey has ended: nothing of it is left to wait, so nothing can be sent. */
  void awaitEnded(long processInstanceKey) {
    await("journey " + processInstanceKey + " ended").atMost(Mailbox.WAIT)
        .until(() -> jdbc.sql("SELECT COUNT(*) FROM engine_element_instance WHERE process_instance_key = ?")
            .param(processInstanceKey).query(Long.class).single() == 0);
  }
}
