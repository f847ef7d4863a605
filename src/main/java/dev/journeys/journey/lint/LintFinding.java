package dev.journeys.journey.lint;

/**
 * One problem {@code journeys lint} found in a journey BPMN: where it is, what is wrong and how to
 * fix it, phrased for the marketer who edits the model in Camunda Modeler.
 *
 * @param file the BPMN file's name
 * @param elementId the id of the element at fault (the process or file when there is no element)
 * @param problem what is wrong, "Expected to …, but …"
 * @param fix what to change in the model
 */
public record LintFinding(
    Severity severity, String file, String elementId, String problem, String fix) {

  /** An ERROR refuses the deployment; a WARNING is something lint could not check or advises. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity + " " + file + " " + elementId + ": " + problem + " Fix: " + fix;
  }
}
