package dev.journeys.journey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The journey_package table: what was last deployed from the packaged bpmn/ folder, per file. */
@Repository
class PackageDeployments {

  record Deployed(String resourceName, String checksum, List<String> processIds) {}

  private final JdbcClient jdbc;

  PackageDeployments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  Optional<Deployed> find(String resourceName) {
    return jdbc.sql("SELECT resource_name, checksum, process_ids FROM journey_package WHERE resource_name = ?")
        .param(resourceName)
        .query((rs, n) -> new Deployed(rs.getString(1), rs.getString(2),
            rs.getString(3).isEmpty() ? List.of() : List.of(rs.getString(3).split(","))))
        .optional();
  }

  void record(String resourceName, String checksum, List<String> processIds, Instant at) {
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    String ids = String.join(",", processIds);
    int updated = jdbc.sql("UPDATE journey_package SET checksum = ?, process_ids = ?, deployed_at = ? WHERE resource_name = ?")
        .params(checksum, ids, when, resourceName).update();
    if (updated == 0) {
      try {
        jdbc.sql("INSERT INTO journey_package (resource_name, checksum, process_ids, deployed_at) VALUES (?, ?, ?, ?)")
            .params(resourceName, checksum, ids, when).update();
      } catch (org.springframework.dao.DuplicateKeyException anotherInstanceRecordedIt) {
        jdbc.sql("UPDATE journey_package SET checksum = ?, process_ids = ?, deployed_at = ? WHERE resource_name = ?")
            .params(checksum, ids, when, resourceName).update();
      }
    }
  }
}
