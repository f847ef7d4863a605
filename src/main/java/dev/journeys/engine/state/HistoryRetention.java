package dev.journeys.engine.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Removes the history of process instances that ended before a cutoff: the instance, its elements
 * and its incidents, a batch of instances per short transaction. Only ended instances are touched
 * (the writer never changes them again), so this runs beside the writer without holding it up.
 */
public final class HistoryRetention {

  private final DataSource dataSource;

  public HistoryRetention(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Deletes the history of at most {@code limit} process instances that ended before {@code cutoffMillis}.
   *
   * @return how many process instances' history it deleted; fewer than {@code limit} means none is left
   */
  public int purgeEndedBefore(long cutoffMillis, int limit) {
    try (Connection connection = dataSource.getConnection(); Sql sql = new Sql(connection)) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        List<Long> keys = sql.query("""
                SELECT process_instance_key FROM engine_process_instance_history
                WHERE state IN ('COMPLETED', 'TERMINATED') AND end_date < ?
                ORDER BY end_date FETCH FIRST %d ROWS ONLY""".formatted(limit),
            rs -> rs.getLong(1), cutoffMillis);
        if (!keys.isEmpty()) {
          String in = keys.stream().map(String::valueOf).collect(Collectors.joining(","));
          sql.update("DELETE FROM engine_incident_history WHERE process_instance_key IN (" + in + ")");
          sql.update("DELETE FROM engine_element_instance_history WHERE process_instance_key IN (" + in + ")");
          sql.update("DELETE FROM engine_process_instance_history WHERE process_instance_key IN (" + in + ")");
        }
        connection.commit();
        return keys.size();
      } catch (RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StateException("purging ended process instances' history", e);
    }
  }
}
