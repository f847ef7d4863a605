package dev.journeys.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.journeys.journey.JourneyNotStartedException;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers the shop in one JSON shape, {"error": "...", "fields": {"path": "problem"}}, so a shop
 * developer sees which field to fix without reading our logs.
 */
@RestControllerAdvice(
    assignableTypes = {
      OrderController.class,
      OrderEventController.class,
      ShopifyWebhookController.class,
      InboxController.class
    })
class OrderApiErrors {

  private static final Logger log = LoggerFactory.getLogger(OrderApiErrors.class);

  /** The body of every error answer; fields is empty when no single field is to blame. */
  record ApiError(String error, Map<String, String> fields) {}

  @ExceptionHandler
  ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
    Map<String, String> fields = new TreeMap<>();
    e.getFieldErrors()
        .forEach(f -> fields.merge(f.getField(), f.getDefaultMessage(), (a, b) -> a + "; " + b));
    e.getGlobalErrors().forEach(g -> fields.put(g.getObjectName(), g.getDefaultMessage()));
    return answer(HttpStatus.BAD_REQUEST, "Invalid " + noun(e.getTarget()), fields);
  }

  @ExceptionHandler
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    if (NestedExceptionUtils.getMostSpecificCause(e) instanceof BodyTooLargeException tooLarge) {
      return answer(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), Map.of());
    }
    if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = JsonProblems.path(mismatch);
      return answer(
          HttpStatus.BAD_REQUEST,
          "Malformed JSON: " + field + " has the wrong type",
          Map.of(field, "must be " + JsonProblems.describe(mismatch.getTargetType())));
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      return answer(HttpStatus.BAD_REQUEST, JsonProblems.malformed(json), Map.of());
    }
    return answer(HttpStatus.BAD_REQUEST, "Expected a JSON body in the request", Map.of());
  }

  @ExceptionHandler
  ResponseEntity<ApiError> unsupportedType(HttpMediaTypeNotSupportedException e) {
    return answer(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Expected Content-Type application/json, but got " + e.getContentType(),
        Map.of());
  }

  @ExceptionHandler
  ResponseEntity<ApiError> rejected(RequestRejectedException e) {
    return answer(e.status(), e.getMessage(), e.fields());
  }

  /** A path or query parameter of the wrong type, such as a non-numeric inbox id. */
  @ExceptionHandler
  ResponseEntity<ApiError> wrongParameterType(MethodArgumentTypeMismatchException e) {
    return answer(HttpStatus.BAD_REQUEST, "Invalid request",
        Map.of(e.getName(), "must be " + JsonProblems.describe(e.getRequiredType())));
  }

  /** Nothing was stored and nothing started, so the shop can simply send the order again. */
  @ExceptionHandler({JourneyNotStartedException.class, OrderBusyException.class})
  ResponseEntity<ApiError> unavailable(RuntimeException e) {
    log.warn("Order not accepted, the shop may retry: {}", e.getMessage());
    return retryLater("Order not accepted, try again shortly: " + e.getMessage());
  }

  /**
   * A lock timeout, or the database away for a moment (a restart, a failover: connections refused or
   * cut, a commit or rollback that failed). Not acknowledged, so the shop sends it again, and a
   * repeat of an event that did get stored changes nothing. The driver's text stays in our log.
   */
  @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
      CannotCreateTransactionException.class, TransactionSystemException.class})
  ResponseEntity<ApiError> databaseUnavailable(RuntimeException e) {
    log.warn("Request not accepted, the shop may retry: {}", NestedExceptionUtils.getMostSpecificCause(e).getMessage());
    return retryLater("Not accepted, try again shortly: the database is busy or unavailable");
  }

  private static String noun(Object target) {
    if (target instanceof ShipmentRequest) {
      return "shipment";
    } else if (target instanceof CancellationRequest) {
      return "cancellation";
    }
    return "order";
  }

  private static ResponseEntity<ApiError> retryLater(String error) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(new ApiError(error, Map.of()));
  }

  private static ResponseEntity<ApiError> answer(
      HttpStatus status, String error, Map<String, String> fields) {
    return ResponseEntity.status(status).body(new ApiError(error, fields));
  }
}
