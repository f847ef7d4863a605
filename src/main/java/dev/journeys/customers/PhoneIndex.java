package dev.journeys.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps each customer's phone number in E.164 beside the one the shop sent (maybe national, with
 * spaces), so an inbound SMS, which always comes from an E.164 number, finds its customer.
 */
@Component
class PhoneIndex {

  private static final Logger log = LoggerFactory.getLogger(PhoneIndex.class);
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private final JdbcClient jdbc;

  PhoneIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** E.164 of a valid number, read with the customer's country when written nationally; else null. */
  static String e164(String phone, String country) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    try {
      PhoneNumber number = UTIL.parse(phone, country == null ? "ZZ" : country.toUpperCase(Locale.ROOT));
      return UTIL.isValidNumber(number) ? UTIL.format(number, PhoneNumberFormat.E164) : null;
    } catch (NumberParseException e) {
      return null;
    }
  }

  /** Recomputes one customer's E.164 number from what is stored now (null when no longer valid). */
  void refresh(String customerId) {
    List<String[]> stored = jdbc.sql("SELECT phone, country FROM customers WHERE id = ?").param(customerId)
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
        .list();
    for (String[] row : stored) {
      jdbc.sql("UPDATE customers SET phone_e164 = ? WHERE id = ?").params(e164(row[0], row[1]), customerId).update();
    }
  }

  List<String> customersWith(String e164) {
    return jdbc.sql("SELECT id FROM customers WHERE phone_e164 = ? ORDER BY id").param(e164)
        .query(String.class).list();
  }

  /** Customers recorded before the column existed get theirs at start-up. */
  @EventListener(ApplicationReadyEvent.class)
  void backfill() {
    List<String> ids = jdbc.sql("SELECT id FROM customers WHERE phone IS NOT NULL AND phone_e164 IS NULL")
        .query(String.class).list();
    ids.forEach(this::refresh);
    if (!ids.isEmpty()) {
      log.info("Indexed the phone numbers of {} customers for inbound SMS", ids.size());
    }
  }
}
