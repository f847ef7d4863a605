package dev.journeys.simulate;

import dev.journeys.simulate.Timeline.Entry;
import java.util.ArrayList;
import java.util.List;

/** The timeline as a plain-text table for the terminal. */
final class TimelineTable {

  private static final String[] HEADERS = {"when (customer's time)", "offset", "what", "channel", "status", "subject / detail"};
  private static final int MAX_DETAIL = 90;

  private TimelineTable() {}

  static String format(Timeline timeline) {
    List<String[]> rows = new ArrayList<>();
    for (Entry e : timeline.entries()) {
      rows.add(new String[] {e.local(), e.offset(), what(e), e.channel() == null ? "" : e.channel(), e.status(),
          clip(detail(e))});
      if (e.preview() != null && !e.preview().isBlank()) {
        rows.add(new String[] {"", "", "", "", "", clip("  " + e.preview())});
      }
    }
    int[] widths = new int[HEADERS.length];
    for (int i = 0; i < HEADERS.length; i++) {
      widths[i] = HEADERS[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("Scenario: ").append(timeline.scenario()).append("  |  journey: ").append(timeline.journeyFile())
        .append("  |  customer's time zone: ").append(timeline.timeZone()).append('\n');
    line(out, HEADERS, widths);
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append("-".repeat(width)).append("  ");
    }
    out.append(rule.toString().stripTrailing()).append('\n');
    rows.forEach(row -> line(out, row, widths));
    out.append(summary(timeline)).append('\n');
    return out.toString();
  }

  static String summary(Timeline timeline) {
    long sent = timeline.entries().stream().filter(e -> e.what() == Timeline.What.MESSAGE && e.status().equals("SENT")).count();
    long notSent = timeline.entries().stream().filter(e -> e.what() == Timeline.What.MESSAGE && !e.status().equals("SENT")).count();
    String ending = timeline.journeysRunning() == 0
        ? "every journey ended"
        : timeline.journeysRunning() + " journey(s) still waiting at the horizon";
    return "%d message(s) sent, %d held or skipped; %s after %d simulated day(s); simulated in %d ms"
        .formatted(sent, notSent, ending, timeline.simulatedDays(), timeline.elapsedMillis());
  }

  private static String what(Entry e) {
    return switch (e.what()) {
      case EVENT -> "event " + e.template();
      case MESSAGE -> e.template();
      case JOURNEY -> "journey " + e.template();
      case INCIDENT -> "incident " + e.template();
    };
  }

  private static String detail(Entry e) {
    String subject = e.subject() == null ? "" : e.subject();
    String detail = e.detail() == null ? "" : e.detail();
    return subject.isEmpty() ? detail : detail.isEmpty() ? subject : subject + " [" + detail + "]";
  }

  private static String clip(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL - 1) + "…";
  }

  private static void line(StringBuilder out, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      line.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length() + 2));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
