package dev.journeys.engine.state;

import java.util.Optional;

/** The counters of multi-instance bodies and the loop counter of each inner instance (engine_multi_instance_*). */
public final class MultiInstanceStore {

  /** What a body has done so far. */
  public record Counts(int created, int completed, int terminated) {}

  private final Sql sql;

  MultiInstanceStore(Sql sql) {
    this.sql = sql;
  }

  /** A body was activated (again, after an incident: it starts over). */
  public void bodyActivated(long bodyKey) {
    deleteBody(bodyKey);
    sql.write("INSERT INTO engine_multi_instance_body (element_instance_key, created, completed, terminated) "
        + "VALUES (?, 0, 0, 0)", bodyKey);
  }

  public Counts counts(long bodyKey) {
    return sql.queryOne("SELECT created, completed, terminated FROM engine_multi_instance_body "
            + "WHERE element_instance_key = ?", rs -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3)), bodyKey)
        .orElse(new Counts(0, 0, 0));
  }

  /** An inner instance is created: it gets the next loop counter, which is returned. */
  public int innerCreated(long bodyKey, long innerKey) {
    sql.write("UPDATE engine_multi_instance_body SET created = created + 1 WHERE element_instance_key = ?", bodyKey);
    int loopCounter = counts(bodyKey).created();
    sql.write("INSERT INTO engine_multi_instance_inner (element_instance_key, body_key, loop_counter) VALUES (?, ?, ?)",
        innerKey, bodyKey, loopCounter);
    return loopCounter;
  }

  public Optional<Integer> loopCounter(long innerKey) {
    return sql.queryOne("SELECT loop_counter FROM engine_multi_instance_inner WHERE element_instance_key = ?",
        rs -> rs.getInt(1), innerKey);
  }

  public void innerCompleted(long bodyKey, long innerKey) {
    sql.write("UPDATE engine_multi_instance_body SET completed = completed + 1 WHERE element_instance_key = ?",
        bodyKey);
    sql.write("DELETE FROM engine_multi_instance_inner WHERE element_instance_key = ?", innerKey);
  }

  public void innerTerminated(long bodyKey, long innerKey) {
    sql.write("UPDATE engine_multi_instance_body SET terminated = terminated + 1 WHERE element_instance_key = ?",
        bodyKey);
    sql.write("DELETE FROM engine_multi_instance_inner WHERE element_instance_key = ?", innerKey);
  }

  /** The body ended: its rows and its inner instances' rows go. */
  public void deleteBody(long bodyKey) {
    sql.write("DELETE FROM engine_multi_instance_inner WHERE body_key = ?", bodyKey);
    sql.write("DELETE FROM engine_multi_instance_body WHERE element_instance_key = ?", bodyKey);
  }
}
