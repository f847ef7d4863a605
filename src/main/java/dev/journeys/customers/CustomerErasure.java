package dev.journeys.customers;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Erases a customer's data: their contact details first (so nothing more is sent), then every
 * module's part (journeys cancelled, order contacts, inbox bodies, outbox content), then a record
 * of who erased how much, which holds no personal data.
 */
@Service
public class CustomerErasure {

  private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);

  private final CustomerStore customers;
  private final ErasureRecords records;
  private final List<ErasureStep> steps;
  private final Clock clock;
  private final DeviceStore devices;

  CustomerErasure(CustomerStore customers, ErasureRecords records, List<ErasureStep> steps, Clock clock,
      DeviceStore devices) {
    this.devices = devices;
    this.clock = clock;
    this.customers = customers;
    this.records = records;
    this.steps = steps;
  }

  /** The customer is not known: nothing to erase. */
  public static final class UnknownCustomer extends RuntimeException {
    UnknownCustomer(String customerId) {
      super("Expected a customer with id '%s', but there is none".formatted(customerId));
    }
  }

  /**
   * Erases the customer's data; repeating it is harmless and counts only what is left.
   *
   * @param requestedBy who asked (the admin's user name), kept in the record
   * @throws UnknownCustomer when no customer has this id
   * @throws ErasureStep.Incomplete when a step could not finish; repeat the erasure
   */
  public ErasureRecord erase(String customerId, String requestedBy) {
    if (customers.find(customerId).isEmpty()) {
      throw new UnknownCustomer(customerId);
    }
    Instant now = clock.instant();
    Map<String, Integer> counts = new TreeMap<>();
    counts.put("contactDetails", customers.erase(customerId, now));
    // Push tokens reach the customer's phone as surely as its number does.
    counts.put("devices", devices.eraseAll(customerId));
    for (ErasureStep step : steps) {
      step.erase(customerId).forEach((kind, n) -> counts.merge(kind, n, Integer::sum));
    }
    ErasureRecord record = records.save(ErasureRecord.customerRef(customerId), requestedBy, now, counts);
    log.info("Erased the data of customer {} at the request of {}: {} (erasure {})", customerId, requestedBy,
        counts, record.id());
    return record;
  }
}
