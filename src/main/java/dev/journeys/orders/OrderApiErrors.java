package dev.journeys.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.journeys.journey.JourneyNotStartedException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the shop in one JSON shape, {"error": "...", "fields": {"path": "problem"}}, so a shop
 * developer sees which field to fix without reading our logs.
 */
@RestControllerAdvice(assignableTypes = OrderController.class)
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
    return answer(HttpStatus.BAD_REQUEST, "Invalid order", fields);
  }

  @ExceptionHandler
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = path(mismatch);
      return answer(
          HttpStatus.BAD_REQUEST,
          "Malformed JSON: " + field + " has the wrong type",
          Map.of(field, "must be " + describe(mismatch.getTargetType())));
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      var at = json.getLocation();
      String where =
          at == null ? "" : " at line %d, column %d".formatted(at.getLineNr(), at.getColumnNr());
      return answer(
          HttpStatus.BAD_REQUEST, "Malformed JSON" + where + ": " + json.getOriginalMessage(), Map.of());
    }
    return answer(HttpStatus.BAD_REQUEST, "Expected a JSON order in the request body", Map.of());
  }

  @ExceptionHandler
  ResponseEntity<ApiError> unsupportedType(HttpMediaTypeNotSupportedException e) {
    return answer(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Expected Content-Type application/json, but got " + e.getContentType(),
        Map.of());
  }

  /** Nothing was stored and nothing started, so the shop can simply send the order again. */
  @ExceptionHandler({JourneyNotStartedException.class, OrderBusyException.class})
  ResponseEntity<ApiError> unavailable(RuntimeException e) {
    log.warn("Order not accepted, the shop may retry: {}", e.getMessage());
    return retryLater("Order not accepted, try again shortly: " + e.getMessage());
  }

  /** A lock timeout or a lost connection; the driver's text stays in our log. */
  @ExceptionHandler
  ResponseEntity<ApiError> databaseBusy(TransientDataAccessException e) {
    log.warn("Order not accepted, the shop may retry: {}", e.getMessage());
    return retryLater("Order not accepted, try again shortly: the database is busy");
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

  /** Jackson's path as Bean Validation names fields: customer.email, items[0].quantity. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    } else if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    } else if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    } else if (Temporal.class.isAssignableFrom(type)) {
      return "a date such as 2025-12-24";
    }
    return "an object";
  }
}
