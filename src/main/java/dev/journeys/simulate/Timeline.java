package dev.journeys.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the customer of a scenario experienced, in order: the scenario's events, every message on
 * every channel (sent, held, skipped, rejected, and why), and the journeys starting and ending.
 *
 * @param journeysRunning journeys still waiting when the simulation stopped (at the horizon)
 * @param simulatedDays how far the clock moved
 * @param elapsedMillis wall-clock time the simulation itself took (the engine already running)
 */
public record Timeline(String scenario, String journeyFile, String timeZone, Instant start, Instant end,
    long simulatedDays, int journeysRunning, long elapsedMillis, List<Entry> entries) {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

  /** What a row is. */
  public enum What { EVENT, MESSAGE, JOURNEY, INCIDENT }

  /**
   * One row of the timeline.
   *
   * @param at when it happened (UTC)
   * @param local the same in the customer's time zone, e.g. "Tue 2026-03-03 09:00"
   * @param offset since the scenario's start, e.g. "+1d2h"
   * @param channel email, sms or push (messages only)
   * @param template the message's template, the event's name or the journey's process id
   * @param status SENT, HELD, SKIPPED, REJECTED (messages); APPLIED (events); STARTED, COMPLETED,
   *     TERMINATED (journeys); OPEN (incidents)
   * @param detail why it was held or skipped, what an event did, or an incident's message
   * @param subject the email's subject (a push notification's title)
   * @param preview the first lines of the text (an SMS or push body, a WhatsApp template's variables)
   * @param html the email's HTML as rendered
   */
  public record Entry(Instant at, String local, String offset, What what, String channel, String template,
      String status, String detail, String subject, String preview, String text, String html) {}

  /** The self-contained HTML report of this timeline (as {@code simulate --html} writes it). */
  public String toHtml() {
    return HtmlReport.render(this);
  }

  static String local(Instant at, ZoneId zone) {
    return LOCAL.format(at.atZone(zone));
  }

  static String offset(Instant start, Instant at) {
    return ScenarioReader.format(Duration.between(start, at).isNegative() ? Duration.ZERO : Duration.between(start, at));
  }

  /** The messages that went out, in order: "email order-confirmation", ... */
  public List<String> sent() {
    return entries.stream().filter(e -> e.what() == What.MESSAGE && e.status().equals("SENT"))
        .map(e -> e.channel() + " " + e.template()).toList();
  }
}
