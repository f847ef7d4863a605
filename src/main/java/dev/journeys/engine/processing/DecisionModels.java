package dev.journeys.engine.processing;

import dev.journeys.engine.dmn.DecisionEngine;
import dev.journeys.engine.dmn.ParsedDrg;
import dev.journeys.engine.state.DecisionStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The DMN engine and parsed decision requirements graphs by key, loaded from the database on first use. */
public final class DecisionModels {

  private final DecisionEngine engine = new DecisionEngine();
  private final Map<Long, ParsedDrg> byKey = new ConcurrentHashMap<>();

  public DecisionEngine engine() {
    return engine;
  }

  public ParsedDrg get(DecisionStore store, long drgKey) {
    return byKey.computeIfAbsent(drgKey, key -> engine.parse(store.drgResource(key)));
  }

  void put(long drgKey, ParsedDrg drg) {
    byKey.put(drgKey, drg);
  }
}
