package dev.journeys.customers;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for erasure: erase a customer's data, and read the records of erasures. Under
 * /api/admin/, which access control keeps to admins.
 */
@RestController
class ErasureController {

  private static final int MAX_LIMIT = 500;

  private final CustomerErasure erasure;
  private final ErasureRecords records;

  ErasureController(CustomerErasure erasure, ErasureRecords records) {
    this.erasure = erasure;
    this.records = records;
  }

  /** The body of every error answer, as the rest of the API writes it. */
  record ApiError(String error, Map<String, String> fields) {}

  @PostMapping("/api/admin/customers/{id}/erasure")
  ErasureRecord erase(@PathVariable String id, Principal principal) {
    return erasure.erase(id, principal == null ? "anonymous" : principal.getName());
  }

  /** The erasures of one customer, oldest first; empty for a customer never erased. */
  @GetMapping("/api/admin/customers/{id}/erasure")
  List<ErasureRecord> erasuresOf(@PathVariable String id) {
    return records.of(ErasureRecord.customerRef(id));
  }

  @GetMapping("/api/admin/erasures")
  ResponseEntity<?> latest(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      return ResponseEntity.badRequest().body(new ApiError("Invalid limit",
          Map.of("limit", "must be between 1 and " + MAX_LIMIT + ", but is " + limit)));
    }
    return ResponseEntity.ok(records.latest(limit));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> unknown(CustomerErasure.UnknownCustomer e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage(), Map.of("id", "no such customer")));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> incomplete(ErasureStep.Incomplete e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10")
        .body(new ApiError(e.getMessage() + "; the contact details are erased, repeat the request to finish", Map.of()));
  }
}
