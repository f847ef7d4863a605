package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The shop's JSON API for callers in the same process (the journey simulator): the same request
 * records, the same Bean Validation, the same intake and the same inbox as POST /api/orders,
 * /shipments and /cancellation, so what a simulation drives is what a shop drives.
 */
@Service
public class ShopApi {

  /** A body the HTTP API would answer with 400: {@code field} as Bean Validation names it. */
  public static final class InvalidRequestException extends RuntimeException {
    private final String field;

    InvalidRequestException(String field, String message) {
      super(field + " " + message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private final OrderIntake intake;
  private final Inbox inbox;
  private final OrdersProperties properties;
  private final ObjectMapper json;
  private final Validator validator;
  private final JdbcClient jdbc;
  private final Clock clock;

  ShopApi(OrderIntake intake, Inbox inbox, OrdersProperties properties, ObjectMapper json,
      Validator validator, JdbcClient jdbc, Clock clock) {
    this.intake = intake;
    this.inbox = inbox;
    this.properties = properties;
    this.json = json;
    this.validator = validator;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** POST /api/orders: stores the order and starts its journey; returns the journey's key. */
  public long placeOrder(Map<String, Object> body) {
    OrderRequest request = read(body, OrderRequest.class);
    return intake.accept(request.toNewOrder(clock.instant(), properties, intake::guestId)).journeyKey();
  }

  /**
   * POST /api/orders/{orderId}/shipments: stored in the inbox, applied asynchronously.
   *
   * @return the inbox event's id, for {@link #outcome(long)}
   */
  public long reportShipment(String orderId, Map<String, Object> body) {
    OrderIds.check(orderId);
    ShipmentRequest request = read(body, ShipmentRequest.class);
    return store(ApiEventHandler.SHIPMENT, request.businessKey(orderId), orderId, request);
  }

  /**
   * POST /api/orders/{orderId}/cancellation: stored in the inbox, applied asynchronously.
   *
   * @return the inbox event's id, for {@link #outcome(long)}
   */
  public long cancel(String orderId, String reason) {
    OrderIds.check(orderId);
    CancellationRequest request = read(reason == null ? Map.of() : Map.of("reason", reason), CancellationRequest.class);
    return store(ApiEventHandler.CANCELLATION, "api:cancellation:" + orderId, orderId, request);
  }

  /**
   * What applying an inbox event did, as GET /api/inbox/{id} says: e.g. "shipment-updated SHIPPED
   * PUBLISHED", "tracking recorded; no message: the order was cancelled", or why it is parked.
   */
  public Optional<String> outcome(long inboxId) {
    return inbox.find(inboxId).map(e -> switch (e.state()) {
      case DONE -> e.outcome();
      case PARKED -> "parked (" + e.parkCode() + "): " + e.lastError();
      default -> e.state().name().toLowerCase(java.util.Locale.ROOT);
    });
  }

  /**
   * Inbox events due now that are not yet applied (pending, or being processed): zero once the
   * shop's news is all told. Events waiting for a later retry are not counted.
   */
  public int eventsInProgress() {
    return jdbc.sql("""
            SELECT COUNT(*) FROM inbox
            WHERE state = 'PROCESSING' OR (state = 'PENDING' AND next_attempt_at <= ?)""")
        .param(java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
        .query(Integer.class).single();
  }

  private long store(String topic, String key, String orderId, Object body) {
    ObjectNode payload = json.valueToTree(body);
    payload.put("orderId", orderId);
    return inbox.accept(new InboxEntry.New("api", topic, null, key, orderId, null, payload.toString())).entry().id();
  }

  private <T> T read(Map<String, Object> body, Class<T> type) {
    T request;
    try {
      request = json.convertValue(body, type);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonMappingException mapping) {
        String expected = mapping instanceof InvalidFormatException format
            ? JsonProblems.describe(format.getTargetType()) : "of another type";
        throw new InvalidRequestException(JsonProblems.path(mapping), "must be " + expected);
      }
      throw new InvalidRequestException("body", e.getMessage());
    }
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    violations.stream()
        .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .ifPresent(v -> {
          throw new InvalidRequestException(v.getPropertyPath().toString(), v.getMessage());
        });
    return request;
  }
}
