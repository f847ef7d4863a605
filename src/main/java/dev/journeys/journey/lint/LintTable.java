package dev.journeys.journey.lint;

import java.util.ArrayList;
import java.util.List;

/** Findings as a plain-text table for a terminal or a start-up failure message. */
public final class LintTable {

  private static final String[] HEADINGS = {"SEVERITY", "FILE", "ELEMENT", "PROBLEM", "FIX"};

  private LintTable() {}

  public static String format(List<LintFinding> findings) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (LintFinding f : findings) {
      rows.add(new String[] {f.severity().name(), f.file(), f.elementId(), f.problem(), f.fix()});
    }
    int[] widths = new int[HEADINGS.length];
    for (String[] row : rows) {
      // The last column is not padded, so it takes only what it needs.
      for (int i = 0; i < row.length - 1; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        out.append(i < row.length - 1 ? pad(row[i], widths[i]) + "  " : row[i]);
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }

  public static String summary(List<LintFinding> findings) {
    long errors = findings.stream().filter(LintFinding::isError).count();
    return errors + " error(s), " + (findings.size() - errors) + " warning(s)";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
