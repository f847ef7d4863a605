package dev.journeys.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The customer_erasure table: one row per erasure request that finished. */
@Repository
class ErasureRecords {


  private final JdbcClient jdbc;
  private final ObjectMapper json;

  ErasureRecords(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  ErasureRecord save(String customerRef, String requestedBy, Instant at, Map<String, Integer> counts) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO customer_erasure (customer_ref, requested_by, erased_at, counts) VALUES (?, ?, ?, ?)")
        .params(customerRef, requestedBy, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), json(counts))
        .update(key, "id");
    return new ErasureRecord(key.getKey().longValue(), customerRef, requestedBy, at, counts);
  }

  /** The most recent first. */
  List<ErasureRecord> latest(int limit) {
    return jdbc.sql("SELECT * FROM customer_erasure ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
        .param(limit).query((rs, n) -> map(rs)).list();
  }

  List<ErasureRecord> of(String customerRef) {
    return jdbc.sql("SELECT * FROM customer_erasure WHERE customer_ref = ? ORDER BY id")
        .param(customerRef).query((rs, n) -> map(rs)).list();
  }

  private ErasureRecord map(ResultSet rs) throws SQLException {
    try {
      return new ErasureRecord(rs.getLong("id"), rs.getString("customer_ref"), rs.getString("requested_by"),
          rs.getObject("erased_at", OffsetDateTime.class).toInstant(),
          json.readValue(rs.getString("counts"), new TypeReference<Map<String, Integer>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected erasure counts as JSON, but: " + e.getOriginalMessage(), e);
    }
  }

  private String json(Map<String, Integer> counts) {
    try {
      return json.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
