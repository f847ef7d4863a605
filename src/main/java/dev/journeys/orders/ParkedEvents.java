package dev.journeys.orders;

import dev.journeys.customers.Masked;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Shop events that were authentic but could not be processed, for the operator who decides what
 * becomes of them: put back in line (retry) or given up (discard, recorded with who and when, never
 * deleted), one by one, several at once, or all those parked for one reason. Bodies stay out of it:
 * they hold customers' contact details.
 */
@Service
public class ParkedEvents {

  private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

  /** The most events one request may name. */
  public static final int MAX_IDS = 500;
  public static final int MAX_PAGE = 200;

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
  private static final Pattern PHONE = Pattern.compile("\\+[0-9][0-9 ()-]{5,}[0-9]");

  private final InboxStore store;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ParkedEvents(InboxStore store, ApplicationEventPublisher events, Clock clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /**
   * How many events are parked for one reason.
   *
   * @param code UNKNOWN_ORDER, UNKNOWN_TOPIC, INVALID or FAILED
   * @param newestId the newest such event: "all of them" acts on events up to this one, so an event
   *     parked after the operator looked is not swept up unseen
   */
  public record Reason(String code, long count, Instant oldestReceivedAt, long newestId) {
    public String explanation() {
      return explain(code);
    }
  }

  /**
   * A parked event as ops see it: what kind of news, about which order, when, and why it is parked.
   *
   * @param topic the Shopify topic (orders/updated) or api/shipment, api/cancellation, journeys/...
   * @param reason the processing failure, contact details masked
   * @param parkedAt when it was parked
   */
  public record Parked(
      long id, String source, String topic, String orderId, String code, String reason, int attempts,
      Instant receivedAt, Instant parkedAt) {}

  /**
   * What a bulk action did.
   *
   * @param count how many events it changed
   * @param ids the events it changed, when the request named them
   * @param notParked the named events it left alone: not parked (any more), or unknown
   */
  public record Outcome(int count, List<Long> ids, List<Long> notParked) {}

  /** A bulk request that names no events, too many, or an unknown reason; {@code field} is the one to fix. */
  public static final class InvalidRequest extends IllegalArgumentException {
    private final String field;

    InvalidRequest(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** The reasons an event is parked for, in the order the page lists them. */
  public static List<String> codes() {
    return Arrays.stream(UnprocessableEventException.Code.values()).map(Enum::name).toList();
  }

  public static String explain(String code) {
    return switch (code == null ? "" : code) {
      case "UNKNOWN_ORDER" -> "The order is not known (yet); retried by itself when the order arrives.";
      case "UNKNOWN_TOPIC" -> "Journeys has no handler for this kind of event.";
      case "INVALID" -> "The event lacks what processing needs.";
      case "FAILED" -> "Processing failed every time it was tried.";
      default -> "Parked.";
    };
  }

  public List<Reason> reasons() {
    return store.parkedReasons();
  }

  /**
   * Parked events newest first.
   *
   * @param code only those parked for this reason; null for all
   * @param beforeId only those older than this event (the next page); null for the newest
   */
  public List<Parked> list(String code, Long beforeId, int limit) {
    String checked = code == null || code.isBlank() ? null : checkCode(code);
    return store.parked(checked, beforeId == null ? Long.MAX_VALUE : beforeId, Math.max(1, Math.min(limit, MAX_PAGE)))
        .stream().map(ParkedEvents::parked).toList();
  }

  public Outcome retry(List<Long> ids, String who) {
    List<Long> named = checkIds(ids);
    List<Long> retried = store.unpark(named, clock.instant());
    log.info("{} retried {} parked inbox event(s): {}", who, retried.size(), retried);
    wakePoller(retried.size());
    return new Outcome(retried.size(), retried, named.stream().distinct().filter(id -> !retried.contains(id)).toList());
  }

  public Outcome retryAll(String code, long upToId, String who) {
    int retried = store.unparkAll(checkCode(code), upToId, clock.instant());
    log.info("{} retried {} inbox event(s) parked as {} (up to event {})", who, retried, code, upToId);
    wakePoller(retried);
    return new Outcome(retried, List.of(), List.of());
  }

  public Outcome discard(List<Long> ids, String who) {
    List<Long> named = checkIds(ids);
    List<Long> discarded = store.discard(named, who, clock.instant());
    log.info("{} discarded {} parked inbox event(s): {}", who, discarded.size(), discarded);
    return new Outcome(discarded.size(), discarded,
        named.stream().distinct().filter(id -> !discarded.contains(id)).toList());
  }

  public Outcome discardAll(String code, long upToId, String who) {
    int discarded = store.discardAll(checkCode(code), upToId, who, clock.instant());
    log.info("{} discarded {} inbox event(s) parked as {} (up to event {})", who, discarded, code, upToId);
    return new Outcome(discarded, List.of(), List.of());
  }

  private void wakePoller(int retried) {
    if (retried > 0) {
      events.publishEvent(new Inbox.WorkArrived(null));
    }
  }

  private static String checkCode(String code) {
    if (code == null || !codes().contains(code)) {
      throw new InvalidRequest("reason", "must be one of " + String.join(", ", codes()));
    }
    return code;
  }

  private static List<Long> checkIds(List<Long> ids) {
    if (ids == null || ids.isEmpty()) {
      throw new InvalidRequest("ids", "must name at least one event");
    }
    if (ids.size() > MAX_IDS) {
      throw new InvalidRequest("ids", "must name at most " + MAX_IDS + " events, but names " + ids.size());
    }
    if (ids.stream().anyMatch(id -> id == null || id < 1)) {
      throw new InvalidRequest("ids", "must be positive event ids");
    }
    return ids;
  }

  private static Parked parked(InboxEntry e) {
    return new Parked(e.id(), e.source(), e.topic(), e.orderId(), e.parkCode(), masked(e.lastError()), e.attempts(),
        e.receivedAt(), e.processedAt());
  }

  /** The failure text with addresses and phone numbers masked, whatever a handler put in it. */
  static String masked(String text) {
    if (text == null) {
      return null;
    }
    String emails = EMAIL.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(Masked.email(m.group())));
    return PHONE.matcher(emails).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(Masked.phone(m.group())));
  }
}
