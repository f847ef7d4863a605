package dev.journeys.orders;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request refused with a 4xx answer in the API's error shape: error, and the fields to fix. */
class RequestRejectedException extends RuntimeException {

  private final HttpStatus status;
  private final Map<String, String> fields;

  RequestRejectedException(HttpStatus status, String error, Map<String, String> fields) {
    super(error);
    this.status = status;
    this.fields = Map.copyOf(fields);
  }

  static RequestRejectedException badRequest(String error) {
    return new RequestRejectedException(HttpStatus.BAD_REQUEST, error, Map.of());
  }

  static RequestRejectedException notFound(String error) {
    return new RequestRejectedException(HttpStatus.NOT_FOUND, error, Map.of());
  }

  HttpStatus status() {
    return status;
  }

  Map<String, String> fields() {
    return fields;
  }
}
