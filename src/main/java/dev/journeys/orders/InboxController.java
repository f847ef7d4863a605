package dev.journeys.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For people: what came in, what became of it, and a second chance for parked events. */
@RestController
@Tag(name = "Inbox", description = "Inbound events and what became of them")
class InboxController {

  private static final int MAX_LIMIT = 500;

  private final Inbox inbox;

  InboxController(Inbox inbox) {
    this.inbox = inbox;
  }

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
      Instant processedAt) {

    static InboxView of(InboxEntry e) {
      return new InboxView(
          Long.toString(e.id()), e.source(), e.topic(), e.deliveryId(), e.businessKey(), e.orderId(),
          e.state().name(), e.parkCode(), e.attempts(), e.lastError(), e.outcome(), e.receivedAt(),
          e.state() == InboxEntry.State.PENDING ? e.nextAttemptAt() : null, e.processedAt());
    }
  }

  @Operation(summary = "Inbox events in one state, newest first (state: pending, processing, done, parked)")
  @GetMapping("/api/inbox")
  List<InboxView> list(
      @RequestParam(defaultValue = "parked") String state,
      @RequestParam(defaultValue = "50") int limit) {
    InboxEntry.State wanted;
    try {
      wanted = InboxEntry.State.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request",
          Map.of("state", "must be one of pending, processing, done, parked"));
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

  private static RequestRejectedException notFound(long id) {
    return RequestRejectedException.notFound("Expected inbox event %d to exist, but it was not found".formatted(id));
  }
}
