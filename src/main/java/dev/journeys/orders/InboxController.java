package dev.journeys.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For people: what came in, what became of it, and a second chance for parked events. */
@RestController
@Tag(name = "Inbox", description = "Inbound events and what became of them")
class InboxController {

  private static final int MAX_LIMIT = 500;

  private final Inbox inbox;
  private final ParkedEvents parked;

  InboxController(Inbox inbox, ParkedEvents parked) {
    this.inbox = inbox;
    this.parked = parked;
  }

  /**
   * Which parked events a bulk action is for: the ones named, or all those parked for one reason.
   *
   * @param ids parked events by id (at most 500)
   * @param reason UNKNOWN_ORDER, UNKNOWN_TOPIC, INVALID or FAILED: every event parked for it
   * @param upToId with reason: only events up to this id (the newest one the operator saw); all when absent
   */
  record BulkRequest(List<Long> ids, String reason, Long upToId) {}

  /**
   * An inbox event without its body (which holds contact details).
   *
   * @param reason why it is parked, or the last failure of a retried event
   * @param outcome what processing did
   */
  record InboxView(
      String id,
      String source,
      String topic,
      String deliveryId,
      String businessKey,
      String orderId,
      String state,
      String parkCode,
      int attempts,
      String reason,
      String outcome,
      Instant receivedAt,
      Instant nextAttemptAt,
      Instant processedAt,
      String discardedBy,
      Instant discardedAt) {

    static InboxView of(InboxEntry e) {
      return new InboxView(
          Long.toString(e.id()), e.source(), e.topic(), e.deliveryId(), e.businessKey(), e.orderId(),
          e.state().name(), e.parkCode(), e.attempts(), e.lastError(), e.outcome(), e.receivedAt(),
          e.state() == InboxEntry.State.PENDING ? e.nextAttemptAt() : null, e.processedAt(),
          e.discardedBy(), e.discardedAt());
    }
  }

  @Operation(summary = "Inbox events in one state, newest first (state: pending, processing, done, parked, discarded)")
  @GetMapping("/api/inbox")
  List<InboxView> list(
      @RequestParam(defaultValue = "parked") String state,
      @RequestParam(defaultValue = "50") int limit) {
    InboxEntry.State wanted;
    try {
      wanted = InboxEntry.State.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request",
          Map.of("state", "must be one of pending, processing, done, parked, discarded"));
    }
    return inbox.list(wanted, Math.max(1, Math.min(limit, MAX_LIMIT))).stream().map(InboxView::of).toList();
  }

  @Operation(summary = "One inbox event")
  @GetMapping("/api/inbox/{id}")
  InboxView find(@PathVariable long id) {
    return inbox.find(id).map(InboxView::of).orElseThrow(() -> notFound(id));
  }

  @Operation(
      summary = "Retry a parked event",
      description = "Puts a parked event back in line, e.g. after its order arrived or a bug was "
          + "fixed. Events parked for an unknown order are retried by themselves when it arrives.")
  @PostMapping("/api/inbox/{id}/retry")
  InboxView retry(@PathVariable long id) {
    InboxEntry entry = inbox.find(id).orElseThrow(() -> notFound(id));
    if (!inbox.retry(id)) {
      throw new RequestRejectedException(HttpStatus.CONFLICT,
          "Expected inbox event %d to be parked, but it is %s".formatted(id, entry.state()), Map.of());
    }
    return inbox.find(id).map(InboxView::of).orElseThrow();
  }

  @Operation(
      summary = "Discard a parked event",
      description = "Gives up on a parked event: it stays in the inbox as discarded, with who and when, "
          + "and its body goes after journeys.retention.keep.webhook-payloads.")
  @PostMapping("/api/inbox/{id}/discard")
  InboxView discard(@PathVariable long id, Authentication who) {
    InboxEntry entry = inbox.find(id).orElseThrow(() -> notFound(id));
    if (parked.discard(List.of(id), who.getName()).count() == 0) {
      throw new RequestRejectedException(HttpStatus.CONFLICT,
          "Expected inbox event %d to be parked, but it is %s".formatted(id, entry.state()), Map.of());
    }
    return inbox.find(id).map(InboxView::of).orElseThrow();
  }

  @Operation(
      summary = "Retry several parked events",
      description = "Body {\"ids\": [...]} or {\"reason\": \"FAILED\", \"upToId\": 123}. Answers how many "
          + "were put back in line and, for named events, which were not parked.")
  @PostMapping("/api/inbox/retry")
  ParkedEvents.Outcome retryMany(@RequestBody BulkRequest request, Authentication who) {
    return bulk(request, () -> parked.retry(request.ids(), who.getName()),
        () -> parked.retryAll(request.reason(), upTo(request), who.getName()));
  }

  @Operation(
      summary = "Discard several parked events",
      description = "Body as for retry. Discarded events stay in the inbox with who and when.")
  @PostMapping("/api/inbox/discard")
  ParkedEvents.Outcome discardMany(@RequestBody BulkRequest request, Authentication who) {
    return bulk(request, () -> parked.discard(request.ids(), who.getName()),
        () -> parked.discardAll(request.reason(), upTo(request), who.getName()));
  }

  private static ParkedEvents.Outcome bulk(BulkRequest request, Supplier<ParkedEvents.Outcome> byIds,
      Supplier<ParkedEvents.Outcome> byReason) {
    if (request == null || (request.ids() == null) == (request.reason() == null)) {
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request",
          Map.of("ids", "give either ids or reason, not both"));
    }
    if (request.ids() != null && request.upToId() != null) {
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request",
          Map.of("upToId", "goes only with reason"));
    }
    try {
      return request.ids() != null ? byIds.get() : byReason.get();
    } catch (ParkedEvents.InvalidRequest e) {
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request", Map.of(e.field(), e.getMessage()));
    }
  }

  private static long upTo(BulkRequest request) {
    if (request.upToId() != null && request.upToId() < 1) {
      throw new ParkedEvents.InvalidRequest("upToId", "must be a positive event id");
    }
    return request.upToId() == null ? Long.MAX_VALUE : request.upToId();
  }

  private static RequestRejectedException notFound(long id) {
    return RequestRejectedException.notFound("Expected inbox event %d to exist, but it was not found".formatted(id));
  }
}
