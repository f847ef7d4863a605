package dev.journeys.storage;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bookkeeping of a daily roll-up (results figures added up once per closed UTC day): which days
 * are added up (a mark table with one row, {@code rolled_through}), which of those changed since
 * (a table of stale days, one row per change, no key), and what a period reads from the roll-up and
 * what it must count live. The owner module keeps the day rows and says how to write a day.
 *
 * <p>A day is closed once a grace period has passed after its end: every fact stamped in it has been
 * committed by then. A fact that changes a closed day later (a parcel delivered days after it was
 * due, a rating changed) marks the day stale in the transaction that changes it; until the roll-up
 * adds the day up again (which removes the marks it sees), readers count that day live. Each write of
 * a day first locks the mark row, so two app instances never write one day at once.
 */
public final class ClosedDays {

  /** Writes one day's rows from the facts, replacing what it had; runs inside the roll-up's transaction. */
  @FunctionalInterface
  public interface DayWriter {
    void write(LocalDate day);
  }

  /**
   * What a period reads: the days {@code rolledFrom} to {@code rolledTo} (both included; none when
   * null) from the roll-up, except the {@code stale} ones, and every instant range of {@code live}
   * (start inclusive, end exclusive) from the facts. {@code written} counts the day writes so far
   * (the mark's days_written, {@link Mark}): the rolled days' rows are the same while it is, so what a reader added up
   * from them may be kept under (period, stale days, written).
   */
  public record Plan(LocalDate rolledFrom, LocalDate rolledTo, List<LocalDate> stale, List<Instant[]> live,
      long written) {

    public boolean anyRolled() {
      return rolledFrom != null;
    }

    /** " AND column NOT IN (?, ...)" for the stale days, or "" when none. */
    public String notStale(String column) {
      return stale.isEmpty() ? ""
          : " AND " + column + " NOT IN (" + String.join(", ", java.util.Collections.nCopies(stale.size(), "?")) + ")";
    }

    /** The rolled days' bounds then the stale days, as the parameters of a query using {@link #notStale}. */
    public List<Object> rolledParams() {
      List<Object> params = new ArrayList<>();
      params.add(Date.valueOf(rolledFrom));
      params.add(Date.valueOf(rolledTo));
      stale.forEach(d -> params.add(Date.valueOf(d)));
      return params;
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final String markTable;
  private final String staleTable;

  /**
   * @param markTable a table with columns (id, rolled_through, days_written) and one row, id 1
   * @param staleTable a table with one column, on_day
   */
  public ClosedDays(JdbcClient jdbc, TransactionTemplate transactions, String markTable, String staleTable) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.markTable = markTable;
    this.staleTable = staleTable;
  }

  /** The UTC day of an instant. */
  public static LocalDate day(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The first instant of a UTC day. */
  public static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The last day closed at {@code now}: its end is at least {@code grace} ago. */
  public static LocalDate lastClosed(Instant now, Duration grace) {
    return day(now.minus(grace)).minusDays(1);
  }

  /** The last day added up; null before the first. */
  public LocalDate rolledThrough() {
    return mark().rolledThrough();
  }

  /**
   * The mark row: the last day added up (null before the first) and how many day writes the roll-up
   * has committed (each write of a day, first or again, adds one; V109).
   */
  public record Mark(LocalDate rolledThrough, long written) {}

  public Mark mark() {
    return jdbc.sql("SELECT rolled_through, days_written FROM " + markTable + " WHERE id = 1")
        .query((rs, n) -> {
          Date through = rs.getDate(1);
          return new Mark(through == null ? null : through.toLocalDate(), rs.getLong(2));
        })
        .optional().orElse(new Mark(null, 0));
  }

  /**
   * Marks a day whose facts changed. Call it in the transaction that changes them. Days from
   * {@code today} on are not marked: they are not closed, so not added up yet.
   */
  public void markStale(LocalDate day, LocalDate today) {
    if (day.isBefore(today)) {
      jdbc.sql("INSERT INTO " + staleTable + " (on_day) VALUES (?)").param(Date.valueOf(day)).update();
    }
  }

  /** The stale days from {@code from} to {@code to}, both included, each once, in order. */
  public List<LocalDate> staleDays(LocalDate from, LocalDate to) {
    return jdbc.sql("SELECT DISTINCT on_day FROM " + staleTable + " WHERE on_day >= ? AND on_day <= ? ORDER BY on_day")
        .params(Date.valueOf(from), Date.valueOf(to))
        .query((rs, n) -> rs.getDate(1).toLocalDate())
        .list();
  }

  /**
   * What the period from {@code from} (inclusive) to {@code end} (exclusive) reads: the whole days in
   * it that are added up and not stale from the roll-up, the rest live.
   */
  public Plan plan(Instant from, Instant end) {
    if (!from.isBefore(end)) {
      return new Plan(null, null, List.of(), List.of(), 0);
    }
    LocalDate firstWhole = start(day(from)).equals(from) ? day(from) : day(from).plusDays(1);
    LocalDate lastWhole = day(end).minusDays(1);
    Mark mark = mark();
    LocalDate through = mark.rolledThrough();
    if (through != null && through.isBefore(lastWhole)) {
      lastWhole = through;
    }
    if (through == null || firstWhole.isAfter(lastWhole)) {
      List<Instant[]> all = new ArrayList<>();
      all.add(new Instant[] {from, end});
      return new Plan(null, null, List.of(), all, mark.written());
    }
    List<LocalDate> stale = staleDays(firstWhole, lastWhole);
    List<Instant[]> live = new ArrayList<>();
    if (from.isBefore(start(firstWhole))) {
      add(live, from, start(firstWhole));
    }
    for (LocalDate day : stale) {
      add(live, start(day), start(day.plusDays(1)));
    }
    if (start(lastWhole.plusDays(1)).isBefore(end)) {
      add(live, start(lastWhole.plusDays(1)), end);
    }
    return new Plan(firstWhole, lastWhole, stale, live, mark.written());
  }

  /** Adds a range, joined to the last one when they meet. */
  private static void add(List<Instant[]> ranges, Instant from, Instant to) {
    Instant[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
    if (last != null && last[1].equals(from)) {
      last[1] = to;
    } else {
      ranges.add(new Instant[] {from, to});
    }
  }

  /**
   * Adds up the closed days not added up yet (at most {@code maxDays}, oldest first, from the first
   * day with facts), then adds up again the stale ones.
   *
   * @param firstDay the first day with any fact; null when there is none
   * @return how many days were written
   */
  public int rollUp(LocalDate lastClosed, Supplier<LocalDate> firstDay, int maxDays, DayWriter writer) {
    LocalDate through = rolledThrough();
    LocalDate next;
    if (through == null) {
      LocalDate first = firstDay.get();
      next = first == null || first.isAfter(lastClosed) ? null : first;
    } else {
      next = through.plusDays(1);
    }
    int written = 0;
    while (next != null && !next.isAfter(lastClosed) && written < maxDays) {
      LocalDate day = next;
      boolean rolled = Boolean.TRUE.equals(transactions.execute(tx -> {
        // The mark first: its row lock makes another instance's write of a day wait, then find the
        // day added up already and write nothing.
        int marked = jdbc.sql("UPDATE " + markTable + " SET rolled_through = ?, days_written = days_written + 1 "
                + "WHERE id = 1 AND (rolled_through IS NULL OR rolled_through < ?)")
            .params(Date.valueOf(day), Date.valueOf(day)).update();
        if (marked == 0) {
          return false;
        }
        jdbc.sql("DELETE FROM " + staleTable + " WHERE on_day = ?").param(Date.valueOf(day)).update();
        writer.write(day);
        return true;
      }));
      if (!rolled) {
        break;
      }
      written++;
      next = day.plusDays(1);
    }
    LocalDate rolledThrough = rolledThrough();
    if (rolledThrough == null) {
      return written;
    }
    for (LocalDate day : staleDays(LocalDate.of(1970, 1, 1), rolledThrough)) {
      if (written >= maxDays) {
        break;
      }
      transactions.executeWithoutResult(tx -> {
        jdbc.sql("UPDATE " + markTable + " SET days_written = days_written + 1 WHERE id = 1").update();
        // The marks it removes are the changes its count sees: a change committed later leaves its mark.
        jdbc.sql("DELETE FROM " + staleTable + " WHERE on_day = ?").param(Date.valueOf(day)).update();
        writer.write(day);
      });
      written++;
    }
    return written;
  }

  /**
   * Marks every day through {@code day} as added up without writing any (a seeding that writes the
   * days' rows itself, e.g. the results benchmark).
   */
  public void markRolledThrough(LocalDate day) {
    jdbc.sql("UPDATE " + markTable + " SET rolled_through = ?, days_written = days_written + 1 WHERE id = 1")
        .param(Date.valueOf(day)).update();
  }
}
