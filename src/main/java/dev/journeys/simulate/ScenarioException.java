package dev.journeys.simulate;

/** A scenario that cannot run, naming the field (and the line, when read from a file) to fix. */
public class ScenarioException extends RuntimeException {

  private final String field;
  private final int line;

  public ScenarioException(String field, int line, String problem) {
    super((line > 0 ? "line " + line + ", " : "") + field + ": " + problem);
    this.field = field;
    this.line = line;
  }

  public String field() {
    return field;
  }

  /** 1-based; 0 when unknown. */
  public int line() {
    return line;
  }
}
