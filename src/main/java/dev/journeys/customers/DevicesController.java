package dev.journeys.customers;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's app registers and removes a customer's push device tokens (Firebase registration
 * tokens). Registering a device is what lets transactional push reach it; marketing push also
 * needs the customer's push consent. Tokens are not listed back in full: they are credentials to
 * reach a phone.
 */
@RestController
class DevicesController {

  /** @param platform android, ios or web; optional, for people reading the table */
  record Registration(String token, String platform) {}

  private static final int MAX_TOKEN = 4096;

  private final Customers customers;

  DevicesController(Customers customers) {
    this.customers = customers;
  }

  @PostMapping("/api/customers/{customerId}/devices")
  ResponseEntity<Map<String, Object>> register(@PathVariable String customerId, @RequestBody Registration body) {
    if (body == null || body.token() == null || body.token().isBlank()) {
      return error(HttpStatus.BAD_REQUEST, "Expected field 'token' (the device's registration token), but it is missing", "token");
    }
    if (body.token().length() > MAX_TOKEN || body.token().chars().anyMatch(Character::isWhitespace)) {
      return error(HttpStatus.BAD_REQUEST,
          "Expected field 'token' to be a registration token without spaces, at most " + MAX_TOKEN + " characters", "token");
    }
    String platform = body.platform() == null ? null : body.platform().strip().toLowerCase(java.util.Locale.ROOT);
    if (platform != null && !List.of("android", "ios", "web").contains(platform)) {
      return error(HttpStatus.BAD_REQUEST, "Expected field 'platform' to be android, ios or web, but was '" + body.platform() + "'", "platform");
    }
    if (customers.find(customerId).isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "Expected customer " + customerId + " to exist, but it does not", "customerId");
    }
    boolean added = customers.registerDevice(customerId, body.token().strip(), platform);
    return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
        .body(Map.of("customerId", customerId, "registered", true, "devices", customers.devices(customerId).size()));
  }

  /** The same shape as the order API's errors: {"error": "...", "fields": {"token": "..."}}. */
  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, String field) {
    return ResponseEntity.status(status).body(Map.of("error", message, "fields", Map.of(field, message)));
  }

  @DeleteMapping("/api/customers/{customerId}/devices")
  ResponseEntity<Void> remove(@PathVariable String customerId, @RequestParam String token) {
    return customers.removeDevice(customerId, token) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
  }

  /** How many devices the customer has; the tokens themselves stay in the database. */
  @GetMapping("/api/customers/{customerId}/devices")
  Map<String, Object> count(@PathVariable String customerId) {
    return Map.of("customerId", customerId, "devices", customers.devices(customerId).size());
  }
}
