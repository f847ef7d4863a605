package dev.journeys.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import dev.journeys.notify.MutableClock;
import dev.journeys.notify.SentMessages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Customer satisfaction from a known history of ratings (one changed, some with comments, one low
 * rating with a ticket, one given before dimensions were kept) and feedback requests in the outbox,
 * on H2 and, when configured, PostgreSQL. January 2030: four weeks from the 1st to the 28th. Counted
 * live, and from the daily roll-up of closed days plus today counted live (now: 1 February, noon).
 */
class SatisfactionTest {

  private static final Instant FROM = day(1);
  private static final Instant TO = day(29);
  private static final String JOURNEY = "post-purchase";
  private static final Instant NOW = day(32).plus(Duration.ofHours(12));

  private MigratedDatabase database;
  private FeedbackStore store;
  private Satisfaction satisfaction;
  private Satisfaction liveOnly;
  private SatisfactionRollup rollup;
  private final MutableClock clock = new MutableClock(NOW);
  private final AtomicLong keys = new AtomicLong(1);

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    store = new FeedbackStore(database.jdbc(), database.transactions());
    SentMessages sent = new SentMessages(database.jdbc());
    satisfaction = new Satisfaction(database.jdbc(), sent, database.transactions());
    liveOnly = new Satisfaction(database.jdbc(), sent);
    rollup = new SatisfactionRollup(satisfaction, null, clock, Duration.ofMinutes(10), Duration.ofMinutes(15));
    history();
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private void history() {
    rate("F-1", 5, "Lovely", day(2), DeliveryClass.ON_TIME, "DHL", "en", "MUG-01", "TEA-07");
    rate("F-2", 4, null, day(3), DeliveryClass.ON_TIME, "DHL", "zh-CN", "MUG-01");
    rate("F-3", 1, null, day(9), DeliveryClass.LATE_ALERTED, "UPS", "en", "TEA-07");
    store.change("F-3", 3, null, day(10)); // counted once, as a 3, in the week it was first given
    rate("F-4", 2, "Late and no word", day(16), DeliveryClass.LATE_NOT_ALERTED, "UPS", "en", "MUG-01");
    store.markTicketOpened("F-4", day(17));
    rate("F-5", 1, null, day(23), DeliveryClass.LATE_NOT_ALERTED, "DHL", "en", "MUG-01");
    rate("F-6", 5, "Thanks for the heads-up, \"great\"", day(24), DeliveryClass.LATE_ALERTED, "UPS", "zh-CN",
        "TEA-07");
    store.record("F-7", 4, null, day(25)); // as rated before V101: nothing known about it
    rate("F-8", 5, "Outside", day(30), DeliveryClass.ON_TIME, "DHL", "en", "MUG-01");

    for (int i = 0; i < 10; i++) {
      message("R-" + i, "feedback-request", "SENT", day(1 + 2 * i));
    }
    message("R-late", "feedback-request", "SENT", day(29));
    message("R-failed", "feedback-request", "FAILED", null);
    message("F-4", "delay-alert", "SENT", day(14));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void countsRatingsRequestsAndTheirDistribution(String kind) {
    open(kind);

    Satisfaction.Report report = satisfaction.report(FROM, TO, null, 10);

    assertThat(report.ratings()).isEqualTo(new Satisfaction.Counts(1, 1, 1, 2, 2));
    assertThat(report.ratings().csat()).isEqualTo(4 / 7.0);
    assertThat(report.ratings().average()).isEqualTo(24 / 7.0);
    assertThat(report.requestsSent()).isEqualTo(10);
    assertThat(report.responseRate()).isEqualTo(0.7);
    assertThat(report.weeks()).containsExactly(
        new Satisfaction.Week(day(1), new Satisfaction.Counts(0, 0, 0, 1, 1)),
        new Satisfaction.Week(day(8), new Satisfaction.Counts(0, 0, 1, 0, 0)),
        new Satisfaction.Week(day(15), new Satisfaction.Counts(0, 1, 0, 0, 0)),
        new Satisfaction.Week(day(22), new Satisfaction.Counts(1, 0, 0, 1, 1)));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void comparesLateOrdersWithAndWithoutADelayAlertAgainstOnTimeOnes(String kind) {
    open(kind);

    assertThat(satisfaction.report(FROM, TO, null, 10).deliveries()).containsExactly(
        new Satisfaction.Group("ON_TIME", new Satisfaction.Counts(0, 0, 0, 1, 1)),
        new Satisfaction.Group("LATE_ALERTED", new Satisfaction.Counts(0, 0, 1, 0, 1)),
        new Satisfaction.Group("LATE_NOT_ALERTED", new Satisfaction.Counts(1, 1, 0, 0, 0)),
        new Satisfaction.Group("NOT_DELIVERED", Satisfaction.Counts.NONE),
        new Satisfaction.Group("", new Satisfaction.Counts(0, 0, 0, 1, 0)));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void breaksRatingsDownByJourneyCarrierLocaleAndProduct(String kind) {
    open(kind);

    Satisfaction.Report report = satisfaction.report(FROM, TO, null, 10);

    assertThat(report.journeys()).containsExactly(
        new Satisfaction.Group(JOURNEY, new Satisfaction.Counts(1, 1, 1, 1, 2)),
        new Satisfaction.Group("", new Satisfaction.Counts(0, 0, 0, 1, 0)));
    assertThat(report.carriers()).containsExactly(
        new Satisfaction.Group("DHL", new Satisfaction.Counts(1, 0, 0, 1, 1)),
        new Satisfaction.Group("UPS", new Satisfaction.Counts(0, 1, 1, 0, 1)),
        new Satisfaction.Group("", new Satisfaction.Counts(0, 0, 0, 1, 0)));
    assertThat(report.locales()).containsExactly(
        new Satisfaction.Group("en", new Satisfaction.Counts(1, 1, 1, 0, 1)),
        new Satisfaction.Group("zh-CN", new Satisfaction.Counts(0, 0, 0, 1, 1)),
        new Satisfaction.Group("", new Satisfaction.Counts(0, 0, 0, 1, 0)));
    assertThat(report.skus()).containsExactly(
        new Satisfaction.Group("MUG-01", new Satisfaction.Counts(1, 1, 0, 1, 1)),
        new Satisfaction.Group("TEA-07", new Satisfaction.Counts(0, 0, 1, 0, 2)));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void listsCommentsAndLowRatingsWithTheirSupportTicketNewestFirst(String kind) {
    open(kind);

    Satisfaction.Report report = satisfaction.report(FROM, TO, null, 10);

    assertThat(report.lowRatings()).isEqualTo(2);
    assertThat(report.lowWithTicket()).isEqualTo(1);
    assertThat(report.low()).containsExactly(
        new Satisfaction.Rated("F-5", 1, null, day(23), null, "DHL", "en", null),
        new Satisfaction.Rated("F-4", 2, "Late and no word", day(16), null, "UPS", "en", day(17)));
    assertThat(report.comments()).extracting(Satisfaction.Rated::orderId).containsExactly("F-6", "F-4", "F-1");
    assertThat(satisfaction.report(FROM, TO, null, 2).comments()).extracting(Satisfaction.Rated::orderId)
        .containsExactly("F-6", "F-4");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aJourneyFilterCountsOnlyThatJourneysRatings(String kind) {
    open(kind);

    Satisfaction.Report report = satisfaction.report(FROM, TO, JOURNEY, 10);

    assertThat(report.ratings()).isEqualTo(new Satisfaction.Counts(1, 1, 1, 1, 2));
    assertThat(report.journeys()).extracting(Satisfaction.Group::key).containsExactly(JOURNEY);
    assertThat(satisfaction.report(FROM, TO, "another", 10).ratings()).isEqualTo(Satisfaction.Counts.NONE);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aRatingsDimensionsAreKeptThroughAChangeAndADoubleClick(String kind) {
    open(kind);

    store.record("F-3", 5, "again", day(11),
        new RatingContext.Dimensions("other", "fr", "GLS", DeliveryClass.ON_TIME, List.of("NEW-1")));

    Satisfaction.Report report = satisfaction.report(FROM, TO, null, 10);
    assertThat(report.ratings().total()).isEqualTo(7);
    assertThat(report.carriers()).extracting(Satisfaction.Group::key).containsExactly("DHL", "UPS", "");
    assertThat(report.skus()).extracting(Satisfaction.Group::key).containsExactly("MUG-01", "TEA-07");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void closedDaysReadFromTheRollupAndTodayLiveGiveTheSameFigures(String kind) {
    open(kind);
    // Today, 1 February: a low rating and a feedback request.
    rate("F-9", 2, "Broken", day(32).plus(Duration.ofHours(1)), DeliveryClass.LATE_NOT_ALERTED, "GLS", "de",
        "MUG-01");
    message("R-today", "feedback-request", "SENT", day(32).plus(Duration.ofHours(2)));
    Instant tomorrow = day(33);
    Satisfaction.Report live = satisfaction.report(FROM, tomorrow, null, 10);
    assertThat(live.ratings()).isEqualTo(new Satisfaction.Counts(1, 2, 1, 2, 3));
    assertThat(live.requestsSent()).isEqualTo(12);
    assertThat(live.weeks()).extracting(Satisfaction.Week::counts).containsExactly(
        new Satisfaction.Counts(0, 0, 0, 1, 1), new Satisfaction.Counts(0, 0, 1, 0, 0),
        new Satisfaction.Counts(0, 1, 0, 0, 0), new Satisfaction.Counts(1, 0, 0, 1, 1),
        new Satisfaction.Counts(0, 1, 0, 0, 1));
    assertThat(live.carriers()).extracting(Satisfaction.Group::key).containsExactly("DHL", "UPS", "", "GLS");
    assertThat(live.skus()).containsExactly(
        new Satisfaction.Group("MUG-01", new Satisfaction.Counts(1, 2, 0, 1, 2)),
        new Satisfaction.Group("TEA-07", new Satisfaction.Counts(0, 0, 1, 0, 2)));
    assertThat(live.lowRatings()).isEqualTo(3);
    assertThat(live.lowWithTicket()).isEqualTo(1);
    assertThat(live.low()).extracting(Satisfaction.Rated::orderId).containsExactly("F-9", "F-5", "F-4");

    assertThat(rollup.rollUpClosedDays()).isEqualTo(31); // 1 January (the first request) to 31 January
    assertThat(rollup.rollUpClosedDays()).isZero(); // once: a second run finds nothing to do
    assertThat(satisfaction.report(FROM, tomorrow, null, 10)).isEqualTo(live);
    assertThat(satisfaction.report(FROM, TO, null, 10)).isEqualTo(liveOnly.report(FROM, TO, null, 10));
    assertThat(satisfaction.report(FROM, TO, JOURNEY, 10)).isEqualTo(liveOnly.report(FROM, TO, JOURNEY, 10));
    assertThat(satisfaction.report(FROM, TO, null, 10).ratings()).isEqualTo(new Satisfaction.Counts(1, 1, 1, 2, 2));
    // A period not starting at midnight has weeks of its own: counted live.
    Instant oneAm = FROM.plus(Duration.ofHours(1));
    assertThat(satisfaction.report(oneAm, tomorrow, null, 10)).isEqualTo(liveOnly.report(oneAm, tomorrow, null, 10));
    // The closed days are read from the roll-up: a change behind the store's back is not seen.
    database.jdbc().sql("UPDATE feedback SET journey = 'elsewhere', delivery_class = 'NOT_DELIVERED' WHERE order_id = 'F-1'")
        .update();
    assertThat(satisfaction.report(FROM, tomorrow, null, 10)).isEqualTo(live);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aLateChangeToAClosedDayIsCountedAtOnceAndRolledUpAgain(String kind) {
    open(kind);
    rollup.rollUpClosedDays();
    // Read once before the change: the page keeps what it added up from these rolled days, and must
    // not answer from it once the two days are written again.
    Satisfaction.Report before = satisfaction.report(FROM, TO, null, 10);
    assertThat(before.ratings()).isEqualTo(new Satisfaction.Counts(1, 1, 1, 2, 2));

    // Today: F-4 (first rated on the 16th) changes from 2 to 4; F-5's (the 23rd) support ticket opens.
    store.change("F-4", 4, null, NOW);
    store.markTicketOpened("F-5", NOW);

    Satisfaction.Report changed = satisfaction.report(FROM, TO, null, 10);
    assertThat(changed.ratings()).isEqualTo(new Satisfaction.Counts(1, 0, 1, 3, 2));
    assertThat(changed.lowRatings()).isEqualTo(1);
    assertThat(changed.lowWithTicket()).isEqualTo(1);
    assertThat(changed.deliveries()).contains(
        new Satisfaction.Group("LATE_NOT_ALERTED", new Satisfaction.Counts(1, 0, 0, 1, 0)));
    assertThat(changed.weeks()).extracting(Satisfaction.Week::counts).containsExactly(
        new Satisfaction.Counts(0, 0, 0, 1, 1), new Satisfaction.Counts(0, 0, 1, 0, 0),
        new Satisfaction.Counts(0, 0, 0, 1, 0), new Satisfaction.Counts(1, 0, 0, 1, 1));
    assertThat(satisfaction.closedDays().staleDays(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 31)))
        .containsExactly(LocalDate.of(2030, 1, 16), LocalDate.of(2030, 1, 23));
    assertThat(changed).isEqualTo(liveOnly.report(FROM, TO, null, 10));

    assertThat(rollup.rollUpClosedDays()).isEqualTo(2); // the two touched days, again
    assertThat(satisfaction.closedDays().staleDays(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 31))).isEmpty();
    assertThat(satisfaction.report(FROM, TO, null, 10)).isEqualTo(changed);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void erasureRemovesTheCommentsAndKeepsTheCounts(String kind) {
    open(kind);
    rollup.rollUpClosedDays();
    Satisfaction.Report before = satisfaction.report(FROM, TO, null, 10);

    assertThat(store.eraseComments(List.of("F-1", "F-4", "F-5", "unknown"))).isEqualTo(2);
    assertThat(store.eraseComments(List.of("F-1", "F-4"))).isZero(); // again: nothing left

    Satisfaction.Report after = satisfaction.report(FROM, TO, null, 10);
    assertThat(after.comments()).extracting(Satisfaction.Rated::orderId).containsExactly("F-6");
    assertThat(after.low()).extracting(Satisfaction.Rated::comment).containsOnlyNulls();
    assertThat(after.ratings()).isEqualTo(before.ratings());
    assertThat(after.skus()).isEqualTo(before.skus());
    assertThat(after.carriers()).isEqualTo(before.carriers());
    assertThat(after.weeks()).isEqualTo(before.weeks());
    assertThat(database.jdbc().sql("SELECT COUNT(*) FROM feedback WHERE comment IS NOT NULL OR commented")
        .query(Long.class).single()).isEqualTo(2); // F-6 and F-8
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void theListsArePagedNewestFirst(String kind) {
    open(kind);

    assertThat(satisfaction.report(FROM, TO, null, 2, 0).comments()).extracting(Satisfaction.Rated::orderId)
        .containsExactly("F-6", "F-4");
    assertThat(satisfaction.report(FROM, TO, null, 2, 1).comments()).extracting(Satisfaction.Rated::orderId)
        .containsExactly("F-1");
    assertThat(satisfaction.report(FROM, TO, null, 1, 1).low()).extracting(Satisfaction.Rated::orderId)
        .containsExactly("F-4");
    assertThat(satisfaction.report(FROM, TO, null, 2, 5).comments()).isEmpty();
  }

  private void rate(String orderId, int rating, String comment, Instant at, DeliveryClass delivery, String carrier,
      String locale, String... skus) {
    store.record(orderId, rating, comment, at,
        new RatingContext.Dimensions(JOURNEY, locale, carrier, delivery, List.of(skus)));
  }

  private void message(String orderId, String template, String status, Instant sentAt) {
    long key = keys.getAndIncrement();
    database.jdbc().sql(
            """
            INSERT INTO outbox (element_instance_key, channel, job_key, order_id, template, message_id, status,
                                attempts, created_at, sent_at)
            VALUES (?, 'email', ?, ?, ?, ?, ?, 1, ?, ?)""")
        .params(key, key, orderId, template, "m-" + key, status, utc(day(1)), sentAt == null ? null : utc(sentAt))
        .update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant day(int day) {
    return LocalDate.of(2030, 1, 1).plusDays(day - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
