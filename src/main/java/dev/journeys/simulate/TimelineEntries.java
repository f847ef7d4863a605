package dev.journeys.simulate;

import dev.journeys.notify.SandboxedMessages;
import dev.journeys.simulate.Timeline.Entry;
import dev.journeys.simulate.Timeline.What;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns what the engine and notify recorded into timeline rows, in the customer's time zone. */
final class TimelineEntries {

  private static final int PREVIEW_LINES = 3;

  private final Instant start;
  private final ZoneId zone;
  private final List<Ranked> rows = new ArrayList<>();

  private record Ranked(Entry entry, int rank, int order) {}

  TimelineEntries(Instant start, ZoneId zone) {
    this.start = start;
    this.zone = zone;
  }

  void journey(EngineProbe.Journey journey) {
    String name = journey.processId() + " v" + journey.version();
    add(entry(journey.started(), What.JOURNEY, null, name, "STARTED", null, null, null, null, null), 0);
    if (journey.ended() != null) {
      add(entry(journey.ended(), What.JOURNEY, null, name, journey.state(), null, null, null, null, null), 3);
    }
  }

  void addAll(List<Entry> events) {
    events.forEach(e -> add(e, 1));
  }

  void message(SandboxedMessages.Message m) {
    String text = m.text();
    String detail = m.reason();
    Instant at = m.sentAt() != null ? m.sentAt() : m.decidedAt();
    if (m.heldUntil() != null && m.status().equals("SENT")) {
      detail = "held from " + Timeline.local(m.decidedAt(), zone) + " (" + m.reason() + ")";
    } else if (m.status().equals("HELD")) {
      detail = "held until " + Timeline.local(m.heldUntil(), zone) + " (" + m.reason() + ")";
    }
    add(entry(at, What.MESSAGE, m.channel(), m.template(), m.status(), detail, m.subject(), preview(text), text,
        m.html()), 2);
  }

  void incident(EngineProbe.Incident incident) {
    add(entry(incident.at(), What.INCIDENT, null, incident.processId() + " " + incident.elementId(), "OPEN",
        incident.message(), null, null, null, null), 2);
  }

  List<Entry> sorted() {
    return rows.stream()
        .sorted(Comparator.comparing((Ranked r) -> r.entry().at()).thenComparing(Ranked::rank).thenComparing(Ranked::order))
        .map(Ranked::entry).toList();
  }

  private void add(Entry entry, int rank) {
    rows.add(new Ranked(entry, rank, rows.size()));
  }

  private Entry entry(Instant at, What what, String channel, String template, String status, String detail,
      String subject, String preview, String text, String html) {
    return new Entry(at, Timeline.local(at, zone), Timeline.offset(start, at), what, channel, template, status,
        detail, subject, preview, text, html);
  }

  static String preview(String text) {
    if (text == null) {
      return null;
    }
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(PREVIEW_LINES)
        .reduce((a, b) -> a + " / " + b).orElse("");
  }
}
