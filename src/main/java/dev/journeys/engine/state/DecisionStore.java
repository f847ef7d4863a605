package dev.journeys.engine.state;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Deployed decision requirements graphs (DMN resources) and their decisions. */
public final class DecisionStore {

  /** A deployed decision requirements graph: one .dmn resource. */
  public record DrgRecord(long key, String id, String name, int version, String namespace, String resourceName,
      String checksum, long deploymentKey, String tenantId) {}

  /** A deployed decision version. */
  public record DecisionRecord(long key, String decisionId, String name, int version, long drgKey, String drgId,
      long deploymentKey, String tenantId) {}

  private static final String DRG_COLUMNS = "decision_requirements_key, decision_requirements_id, name, version, "
      + "namespace, resource_name, checksum, deployment_key, tenant_id";
  private static final String DECISION_COLUMNS = "decision_key, decision_id, name, version, "
      + "decision_requirements_key, decision_requirements_id, deployment_key, tenant_id";

  private final Sql sql;

  DecisionStore(Sql sql) {
    this.sql = sql;
  }

  public void insertDrg(DrgRecord drg, byte[] resource, long now) {
    sql.update("INSERT INTO engine_decision_requirements (" + DRG_COLUMNS + ", resource, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        drg.key(), drg.id(), drg.name(), drg.version(), drg.namespace(), drg.resourceName(), drg.checksum(),
        drg.deploymentKey(), drg.tenantId(), new String(resource, StandardCharsets.UTF_8), now);
  }

  public void insertDecision(DecisionRecord decision, long now) {
    sql.update("INSERT INTO engine_decision (" + DECISION_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        decision.key(), decision.decisionId(), decision.name(), decision.version(), decision.drgKey(),
        decision.drgId(), decision.deploymentKey(), decision.tenantId(), now);
  }

  public Optional<DrgRecord> latestDrg(String drgId) {
    return sql.queryOne("SELECT " + DRG_COLUMNS + " FROM engine_decision_requirements "
        + "WHERE decision_requirements_id = ? ORDER BY version DESC LIMIT 1", DecisionStore::drg, drgId);
  }

  public Optional<DrgRecord> drg(long drgKey) {
    return sql.queryOne("SELECT " + DRG_COLUMNS + " FROM engine_decision_requirements "
        + "WHERE decision_requirements_key = ?", DecisionStore::drg, drgKey);
  }

  public byte[] drgResource(long drgKey) {
    return sql.queryOne("SELECT resource FROM engine_decision_requirements WHERE decision_requirements_key = ?",
            rs -> rs.getString(1), drgKey)
        .map(xml -> xml.getBytes(StandardCharsets.UTF_8))
        .orElseThrow();
  }

  public Optional<DecisionRecord> latestDecision(String decisionId) {
    return sql.queryOne("SELECT " + DECISION_COLUMNS + " FROM engine_decision WHERE decision_id = ? "
        + "ORDER BY version DESC LIMIT 1", DecisionStore::decision, decisionId);
  }

  public Optional<DecisionRecord> decision(long decisionKey) {
    return sql.queryOne("SELECT " + DECISION_COLUMNS + " FROM engine_decision WHERE decision_key = ?",
        DecisionStore::decision, decisionKey);
  }

  /** The decisions deployed with one graph version. */
  public List<DecisionRecord> decisionsOf(long drgKey) {
    return sql.query("SELECT " + DECISION_COLUMNS + " FROM engine_decision WHERE decision_requirements_key = ? "
        + "ORDER BY decision_key", DecisionStore::decision, drgKey);
  }

  private static DrgRecord drg(ResultSet rs) throws SQLException {
    return new DrgRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9));
  }

  private static DecisionRecord decision(ResultSet rs) throws SQLException {
    return new DecisionRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
        rs.getString(6), rs.getLong(7), rs.getString(8));
  }
}
