package dev.journeys.engine.state;

import java.sql.SQLException;

/** A database failure while reading or writing engine state. */
public final class StateException extends RuntimeException {
  public StateException(String sql, SQLException cause) {
    super("Expected to execute '" + sql + "', but the database failed: " + cause.getMessage(), cause);
  }
}
