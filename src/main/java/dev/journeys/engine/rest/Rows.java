package dev.journeys.engine.rest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Row values as Camunda's API writes them: keys as strings, times as ISO-8601 date-times in UTC. */
final class Rows {

  private Rows() {}

  static String key(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Long.toString(value);
  }

  static String date(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : date(value);
  }

  static String date(long epochMillis) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC));
  }
}
