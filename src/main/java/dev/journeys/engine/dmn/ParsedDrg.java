package dev.journeys.engine.dmn;

import java.util.List;
import org.camunda.dmn.parser.ParsedDmn;

/** A parsed decision requirements graph (one .dmn resource), or why it could not be parsed. */
public record ParsedDrg(String id, String name, String namespace, List<Decision> decisions, ParsedDmn parsed,
    String failure) {

  /** A decision of the graph. */
  public record Decision(String id, String name) {}

  static ParsedDrg failed(String failure) {
    return new ParsedDrg(null, null, null, List.of(), null, failure == null ? "unknown failure" : failure);
  }

  public boolean isValid() {
    return failure == null;
  }
}
