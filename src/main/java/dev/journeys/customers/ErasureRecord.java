package dev.journeys.customers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * That a customer's data was erased, when, at whose request and how much of it: no personal data.
 * The customer is named by a one-way hash of their id, so the record proves an erasure of a known
 * id without keeping the id itself.
 *
 * @param customerRef SHA-256 of the customer id, hex
 * @param counts what was erased, by kind
 */
public record ErasureRecord(long id, String customerRef, String requestedBy, Instant erasedAt,
    Map<String, Integer> counts) {

  public static String customerRef(String customerId) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(customerId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
