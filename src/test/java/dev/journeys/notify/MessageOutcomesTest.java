package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.MigratedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Message outcomes from a known history of decisions, deliveries and events over four days, on H2
 * and PostgreSQL: exact per journey, template, channel and locale, the same before and after the
 * closed days are rolled up (and after their facts are gone), today always counted live.
 */
class MessageOutcomesTest {

  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final LocalDate D1 = LocalDate.parse("2030-06-07");
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final LocalDate TODAY = D1.plusDays(3);

  private MigratedDatabase database;
  private MutableClock clock;
  private Outbox outbox;
  private DeliveryStatuses deliveries;
  private MessageEvents events;
  private OutcomeCounts counts;
  private MessageOutcomes outcomes;
  private OutcomeRollup rollup;

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    clock = new MutableClock(at(D1, "00:00:00"));
    outbox = new Outbox(database.jdbc(), clock, database.transactions());
    deliveries = new DeliveryStatuses(database.jdbc(), clock, null);
    events = new MessageEvents(database.jdbc(), clock);
    counts = new OutcomeCounts(database.jdbc(), database.transactions());
    outcomes = new MessageOutcomes(counts, new TrackingProperties(true, true), clock);
    rollup = new OutcomeRollup(counts, null, clock, Duration.ofMinutes(10), Duration.ofMinutes(15));
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void countsEveryOutcomeExactlyBeforeAndAfterTheClosedDaysAreRolledUp(String kind) {
    open(kind);
    history();
    clock.set(at(TODAY, "12:00:00"));
    Map<String, Map<String, Long>> expected = Map.of(
        "post-purchase/order-confirmation/email/en",
        counts("decided", 3, "sent", 2, "bounced", 2, "opened", 1, "clicked", 1),
        "post-purchase/order-confirmation/email/zh-CN", counts("decided", 1, "skipped", 1),
        "post-purchase/shipping-update/sms/en",
        counts("decided", 3, "sent", 2, "held", 1, "delivered", 1, "bounced", 1, "failed", 1),
        "customer-anniversary/anniversary-thank-you/email/en",
        counts("decided", 2, "sent", 1, "skipped", 1, "unsubscribed", 1));
    MessageOutcomes.Period period = outcomes.period(D1.toString(), TODAY.toString());

    assertThat(rows(outcomes.report(period))).isEqualTo(expected);
    assertThat(reasons(outcomes.report(period))).containsExactly(
        "bounced bounce-report order-confirmation email 1",
        "bounced smtp-rejected order-confirmation email 1",
        "bounced undelivered shipping-update sms 1",
        "failed rejected shipping-update sms 1",
        "held quiet-hours shipping-update sms 1",
        "skipped frequency-cap anniversary-thank-you email 1",
        "skipped no-consent order-confirmation email 1");

    // The closed days (D1 to D3) are rolled up; today stays live.
    assertThat(rollup.rollUpClosedDays()).isEqualTo(3);
    assertThat(counts.rolledThrough()).isEqualTo(D3);
    assertThat(rollup.rollUpClosedDays()).isZero();
    assertThat(counts.rollUp(D2)).as("a day rolled up already is not rolled up again").isFalse();
    assertThat(rows(outcomes.report(period))).isEqualTo(expected);

    // Retention removes the closed days' facts: their counts stay, read from the roll-up alone.
    database.jdbc().sql("DELETE FROM outbox_decision WHERE decided_at < ?").param(at(TODAY, "00:00:00").atOffset(java.time.ZoneOffset.UTC)).update();
    database.jdbc().sql("DELETE FROM message_event WHERE happened_at < ?").param(at(TODAY, "00:00:00").atOffset(java.time.ZoneOffset.UTC)).update();
    assertThat(rows(outcomes.report(period))).isEqualTo(expected);

    // A period inside the rolled-up days, and one across the boundary.
    assertThat(rows(outcomes.report(outcomes.period(D2.toString(), D3.toString())))).isEqualTo(Map.of(
        "post-purchase/order-confirmation/email/en", counts("opened", 1, "clicked", 1),
        "post-purchase/order-confirmation/email/zh-CN", counts("decided", 1, "skipped", 1),
        "post-purchase/shipping-update/sms/en",
        counts("decided", 3, "sent", 1, "held", 1, "delivered", 1, "failed", 1)));
    assertThat(rows(outcomes.report(outcomes.period(D3.toString(), TODAY.toString())))).isEqualTo(Map.of(
        "post-purchase/shipping-update/sms/en",
        counts("decided", 2, "sent", 1, "held", 1, "delivered", 1, "bounced", 1, "failed", 1),
        "customer-anniversary/anniversary-thank-you/email/en",
        counts("decided", 2, "sent", 1, "skipped", 1, "unsubscribed", 1)));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void theTablesDownloadAsCsv(String kind) {
    open(kind);
    history();
    clock.set(at(TODAY, "12:00:00"));
    rollup.rollUpClosedDays();
    MessageOutcomes.Report report = outcomes.report(outcomes.period(D2.toString(), D2.toString()));

    assertThat(report.rowsCsv()).isEqualTo(
        "from,to,journey,template,channel,locale,decided,sent,held,skipped,failed,delivered,bounced,unsubscribed,"
            + "opened,clicked\r\n"
            + "2030-06-08,2030-06-08,post-purchase,order-confirmation,email,en,0,0,0,0,0,0,0,0,1,1\r\n"
            + "2030-06-08,2030-06-08,post-purchase,order-confirmation,email,zh-CN,1,0,0,1,0,0,0,0,0,0\r\n"
            + "2030-06-08,2030-06-08,post-purchase,shipping-update,sms,en,1,1,0,0,0,0,0,0,0,0\r\n");
    assertThat(report.reasonsCsv()).isEqualTo("from,to,outcome,reason,template,channel,messages\r\n"
        + "2030-06-08,2030-06-08,skipped,no-consent,order-confirmation,email,1\r\n");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void anEventCountsAMessageOnceAndOnlyAMessageWeSent(String kind) {
    open(kind);
    Outbox.Entry m = entry(1L, Channel.EMAIL, "order-confirmation", "en", "post-purchase");
    outbox.claim(m, LEASE);
    outbox.markSent(m);

    assertThat(events.record(1L, Channel.EMAIL, CountedAs.OPENED, null)).isTrue();
    assertThat(events.record(1L, Channel.EMAIL, CountedAs.OPENED, null)).isFalse();
    assertThat(events.record(2L, Channel.EMAIL, CountedAs.OPENED, null)).isFalse();
    assertThat(events.find("<1.email@shop.test>")).contains(new MessageEvents.Message(1L, Channel.EMAIL));
    assertThat(events.find("1.email@shop.test")).contains(new MessageEvents.Message(1L, Channel.EMAIL));
    assertThat(events.find("<1.email@elsewhere.test>")).isEmpty();
    assertThat(events.find("not a message id")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aBadPeriodNamesItsField(String kind) {
    open(kind);
    clock.set(at(TODAY, "12:00:00"));
    assertThat(outcomes.period(null, null)).isEqualTo(new MessageOutcomes.Period(TODAY.minusDays(27), TODAY));
    assertThatThrownBy(() -> outcomes.period("2030-13-01", null)).isInstanceOf(BadField.class)
        .extracting(e -> ((BadField) e).field()).isEqualTo("from");
    assertThatThrownBy(() -> outcomes.period(null, "yesterday")).isInstanceOf(BadField.class)
        .extracting(e -> ((BadField) e).field()).isEqualTo("to");
    assertThatThrownBy(() -> outcomes.period("2030-06-10", "2030-06-01")).isInstanceOf(BadField.class)
        .hasMessageContaining("'from' to be on or before 'to'");
  }

  /** Nine messages over four days; the expected counts above follow from these lines alone. */
  private void history() {
    Outbox.Entry m1 = entry(1L, Channel.EMAIL, "order-confirmation", "en", "post-purchase");
    Outbox.Entry m2 = entry(2L, Channel.EMAIL, "order-confirmation", "en", "post-purchase");
    Outbox.Entry m3 = entry(3L, Channel.EMAIL, "order-confirmation", "zh-CN", "post-purchase");
    Channel sms = new Channel("sms");
    Outbox.Entry m4 = entry(4L, sms, "shipping-update", "en", "post-purchase");
    Outbox.Entry m5 = entry(5L, sms, "shipping-update", "en", "post-purchase");
    Outbox.Entry m6 = entry(6L, Channel.EMAIL, "anniversary-thank-you", "en", "customer-anniversary");
    Outbox.Entry m7 = entry(7L, Channel.EMAIL, "anniversary-thank-you", "en", "customer-anniversary");
    Outbox.Entry m8 = entry(8L, sms, "shipping-update", "en", "post-purchase");
    Outbox.Entry m9 = entry(9L, Channel.EMAIL, "order-confirmation", "en", "post-purchase");

    clock.set(at(D1, "10:00:00"));
    outbox.claim(m1, LEASE);
    outbox.markSent(m1);
    outbox.claim(m2, LEASE);
    outbox.markRejected(m2, "550 5.1.1 user unknown"); // the mail server refused the address
    outbox.claim(m9, LEASE);
    outbox.release(m9, "421 try later"); // a retry is no outcome
    outbox.claim(m9, LEASE);
    outbox.markSent(m9);
    clock.set(at(D1, "11:00:00"));
    events.record(1L, Channel.EMAIL, CountedAs.BOUNCED, BounceController.REPORTED);

    clock.set(at(D2, "09:00:00"));
    events.record(1L, Channel.EMAIL, CountedAs.OPENED, null);
    events.record(1L, Channel.EMAIL, CountedAs.CLICKED, null);
    events.record(1L, Channel.EMAIL, CountedAs.CLICKED, null);
    events.record(1L, Channel.EMAIL, CountedAs.OPENED, null);
    outbox.skip(m3, "no-consent");
    clock.set(at(D2, "23:59:59"));
    outbox.claim(m4, LEASE);
    outbox.markSent(m4, "SM4", "queued");

    clock.set(at(D3, "00:00:01"));
    deliveries.apply("SM4", "sent", null);
    deliveries.apply("SM4", "delivered", null);
    deliveries.apply("SM4", "sent", null); // late and stale: changes nothing
    clock.set(at(D3, "22:00:00"));
    outbox.hold(m5, at(TODAY, "07:00:00").atOffset(java.time.ZoneOffset.UTC), "{}", OutboxDecisions.QUIET_HOURS);
    outbox.claim(m8, LEASE);
    outbox.markRejected(m8, "21211 invalid number");

    clock.set(at(TODAY, "07:00:00"));
    outbox.claim(m5, LEASE);
    outbox.markSent(m5, "SM5", "queued");
    deliveries.apply("SM5", "undelivered", "30003");
    outbox.skip(m6, "frequency-cap: 3 marketing messages in 7 days");
    outbox.claim(m7, LEASE);
    outbox.markSent(m7);
    clock.set(at(TODAY, "09:30:00"));
    events.record(7L, Channel.EMAIL, CountedAs.UNSUBSCRIBED, null);
  }

  private static Outbox.Entry entry(long key, Channel channel, String template, String locale, String journey) {
    return new Outbox.Entry(key, channel, key, "A-" + key, "c-" + key, template,
        Outbox.messageId(key, channel, "shop.test"), Purpose.TRANSACTIONAL, locale, journey);
  }

  private static Instant at(LocalDate day, String time) {
    return Instant.parse(day + "T" + time + "Z");
  }

  /** The outcomes that are not zero, per journey/template/channel/locale. */
  private static Map<String, Map<String, Long>> rows(MessageOutcomes.Report report) {
    return report.rows().stream().collect(Collectors.toMap(
        r -> r.journey() + "/" + r.template() + "/" + r.channel() + "/" + r.locale(),
        r -> r.counts().entrySet().stream().filter(e -> e.getValue() != 0)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
  }

  private static List<String> reasons(MessageOutcomes.Report report) {
    return report.reasons().stream()
        .map(r -> r.outcome() + " " + r.reason() + " " + r.template() + " " + r.channel() + " " + r.messages())
        .toList();
  }

  private static Map<String, Long> counts(Object... pairs) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      counts.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
    }
    return counts;
  }
}
