package dev.journeys.engine.timer;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * A cron expression of six fields (second minute hour day-of-month month day-of-week), the form
 * Zeebe accepts for timer cycles, evaluated in UTC. Supports *, ?, lists, ranges, steps and names.
 */
final class CronSchedule {

  private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;

  private CronSchedule(String[] fields) {
    seconds = field(fields[0], 0, 59, null);
    minutes = field(fields[1], 0, 59, null);
    hours = field(fields[2], 0, 23, null);
    daysOfMonth = field(fields[3], 1, 31, null);
    months = field(fields[4], 1, 12, MONTHS);
    daysOfWeek = field(fields[5], 0, 7, DAYS);
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0); // both 0 and 7 mean Sunday
    }
  }

  static boolean looksLikeCron(String text) {
    return text.strip().split("\\s+").length == 6;
  }

  static CronSchedule parse(String text) {
    String[] fields = text.strip().toUpperCase(Locale.ROOT).split("\\s+");
    if (fields.length != 6) {
      throw new IllegalArgumentException("'" + text + "' is not a cron expression of six fields");
    }
    return new CronSchedule(fields);
  }

  private static BitSet field(String text, int min, int max, String[] names) {
    BitSet bits = new BitSet(max + 1);
    for (String part : text.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = Integer.parseInt(part.substring(slash + 1));
        if (step < 1) {
          throw new IllegalArgumentException("cron step must be positive in '" + text + "'");
        }
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] bounds = range.split("-");
        from = value(bounds[0], names, min);
        to = value(bounds[1], names, min);
      } else {
        from = value(range, names, min);
        to = slash >= 0 ? max : from;
      }
      if (from < min || to > max || from > to) {
        throw new IllegalArgumentException("cron field '" + text + "' is out of range " + min + "-" + max);
      }
      for (int i = from; i <= to; i += step) {
        bits.set(i);
      }
    }
    return bits;
  }

  private static int value(String text, String[] names, int min) {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(text)) {
          return names == MONTHS ? i + 1 : i;
        }
      }
    }
    return Integer.parseInt(text);
  }

  /** The first matching instant strictly after {@code after}. */
  Instant next(Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.plusMonths(1).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
      } else if (!dayMatches(t)) {
        t = t.plusDays(1).truncatedTo(ChronoUnit.DAYS);
      } else if (!hours.get(t.getHour())) {
        t = t.plusHours(1).truncatedTo(ChronoUnit.HOURS);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
      } else if (!seconds.get(t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return t.toInstant();
      }
    }
    throw new IllegalArgumentException("cron expression matches no time in the next five years");
  }

  private boolean dayMatches(ZonedDateTime t) {
    int dayOfWeek = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue();
    return daysOfMonth.get(t.getDayOfMonth()) && daysOfWeek.get(dayOfWeek);
  }
}
