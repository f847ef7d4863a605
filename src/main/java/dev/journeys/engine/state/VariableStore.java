package dev.journeys.engine.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Variables per scope (element instance key), values as JSON text; each gets a key when created.
 * A scope's variables are returned in name order (Java's, whatever the database's collation). The
 * writer is the only one that changes this table, so the scopes it read lately are remembered (a
 * bounded cache, written through): resolving a name walks the scopes up, often several times per
 * step. {@link #forget()} empties it when a command is rolled back.
 */
public final class VariableStore {

  private static final int CACHED = 20_000;

  private final Sql sql;
  private final LongSupplier keys;

  private final Map<Long, TreeMap<String, String>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, TreeMap<String, String>> eldest) {
      return size() > CACHED;
    }
  };

  VariableStore(Sql sql, LongSupplier keys) {
    this.sql = sql;
    this.keys = keys;
  }

  /** Drops what is remembered: the transaction that wrote it may have been rolled back. */
  void forget() {
    cache.clear();
  }

  /** A scope that was just created (a fresh key): it has no variables yet, nothing to read. */
  void newScope(long scopeKey) {
    cache.put(scopeKey, new TreeMap<>());
  }

  /** The scope's variables by name (a copy the caller may change). */
  public Map<String, String> local(long scopeKey) {
    return new LinkedHashMap<>(scope(scopeKey));
  }

  private TreeMap<String, String> scope(long scopeKey) {
    TreeMap<String, String> variables = cache.get(scopeKey);
    if (variables == null) {
      TreeMap<String, String> read = new TreeMap<>();
      sql.query(
          "SELECT name, var_value FROM engine_variable WHERE scope_key = ?",
          rs -> read.put(rs.getString(1), rs.getString(2)), scopeKey);
      cache.put(scopeKey, read);
      variables = read;
    }
    return variables;
  }

  public Optional<String> get(long scopeKey, String name) {
    return Optional.ofNullable(scope(scopeKey).get(name));
  }

  public boolean exists(long scopeKey, String name) {
    return get(scopeKey, name).isPresent();
  }

  public void put(long scopeKey, long processInstanceKey, String name, String json) {
    TreeMap<String, String> cached = cache.get(scopeKey);
    boolean known = cached != null && cached.containsKey(name);
    int updated = cached != null && !known ? 0 : sql.update(
        "UPDATE engine_variable SET var_value = ? WHERE scope_key = ? AND name = ?", json, scopeKey, name);
    if (cached != null) {
      cached.put(name, json);
    }
    if (updated == 0) {
      sql.write(
          "INSERT INTO engine_variable (scope_key, name, var_value, process_instance_key, variable_key) "
              + "VALUES (?, ?, ?, ?, ?)",
          scopeKey, name, json, processInstanceKey, keys.getAsLong());
    }
  }

  public void deleteScope(long scopeKey) {
    sql.write("DELETE FROM engine_variable WHERE scope_key = ?", scopeKey);
    cache.remove(scopeKey);
  }
}
