package dev.journeys.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The customers table. Every write is a single statement or guarded by the primary key. */
@Repository
class CustomerStore {

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;
  private final PhoneIndex phones;

  CustomerStore(JdbcClient jdbc, TransactionTemplate transaction, PhoneIndex phones) {
    this.jdbc = jdbc;
    this.phones = phones;
    // A savepoint inside a caller's transaction (a new transaction otherwise): on PostgreSQL a
    // failed insert would otherwise abort the caller's whole transaction.
    this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  Optional<Customer> find(String id) {
    return jdbc.sql("SELECT * FROM customers WHERE id = ?")
        .param(id)
        .query((rs, n) -> customer(rs))
        .optional();
  }

  /** Records the contact details; null fields keep what is stored. A new order ends an erasure. */
  void saveContact(ContactDetails details, Instant now) {
    ensureExists(details.customerId(), now);
    jdbc.sql(
            """
            UPDATE customers SET email = COALESCE(?, email), phone = COALESCE(?, phone),
              name = COALESCE(?, name), locale = COALESCE(?, locale),
              time_zone = COALESCE(?, time_zone), country = COALESCE(?, country),
              erased_at = NULL, updated_at = ?
            WHERE id = ?""")
        .params(
            details.email(),
            details.phone(),
            details.name(),
            details.locale(),
            details.timeZone(),
            details.country(),
            utc(now),
            details.customerId())
        .update();
    if (details.name() != null) {
      // The parts belong to the name: a name sent whole clears parts an older order gave.
      jdbc.sql("UPDATE customers SET given_name = ?, family_name = ? WHERE id = ?")
          .params(details.givenName(), details.familyName(), details.customerId())
          .update();
    }
    if (details.phone() != null || details.country() != null) {
      phones.refresh(details.customerId());
    }
  }

  List<String> idsByPhone(String e164) {
    return phones.customersWith(e164);
  }

  /**
   * Applies a consent change unless a newer one is stored (changes can arrive out of order).
   *
   * @return true when applied
   */
  boolean saveConsent(
      String id, MarketingChannel channel, boolean granted, Instant at, String source, Instant now) {
    ensureExists(id, now);
    String c = channel.column();
    return jdbc.sql(
                """
                UPDATE customers SET %1$s_consent = ?, %1$s_consent_updated_at = ?,
                  %1$s_consent_source = ?, updated_at = ?
                WHERE id = ? AND (%1$s_consent_updated_at IS NULL OR %1$s_consent_updated_at <= ?)"""
                    .formatted(c))
            .params(granted, utc(at), source, utc(now), id, utc(at))
            .update()
        == 1;
  }

  /**
   * Erases the customer's contact details and consents, and marks them erased (from the first
   * erasure on). The row stays, holding the id alone, so messages still due find it erased.
   *
   * @return 1 when there was something to erase, 0 for a repeat
   */
  int erase(String id, Instant now) {
    return jdbc.sql(
            """
            UPDATE customers SET email = NULL, phone = NULL, phone_e164 = NULL, name = NULL, given_name = NULL,
              family_name = NULL,
              locale = NULL, time_zone = NULL,
              country = NULL, email_consent = NULL, email_consent_updated_at = NULL, email_consent_source = NULL,
              sms_consent = NULL, sms_consent_updated_at = NULL, sms_consent_source = NULL,
              whatsapp_consent = NULL, whatsapp_consent_updated_at = NULL, whatsapp_consent_source = NULL,
              erased_at = COALESCE(erased_at, ?), updated_at = ?
            WHERE id = ? AND (erased_at IS NULL OR email IS NOT NULL OR phone IS NOT NULL OR phone_e164 IS NOT NULL
              OR name IS NOT NULL
              OR given_name IS NOT NULL OR family_name IS NOT NULL
              OR email_consent IS NOT NULL OR sms_consent IS NOT NULL OR whatsapp_consent IS NOT NULL)""")
        .params(utc(now), utc(now), id)
        .update();
  }

  /** @return true for the one call that recorded the customer's first order */
  boolean markFirstOrder(String id, Instant placedAt, Instant now) {
    return jdbc.sql(
                """
                UPDATE customers SET first_order_at = ?, updated_at = ?
                WHERE id = ? AND first_order_at IS NULL""")
            .params(utc(placedAt), utc(now), id)
            .update()
        == 1;
  }

  private void ensureExists(String id, Instant now) {
    if (jdbc.sql("SELECT COUNT(*) FROM customers WHERE id = ?").param(id).query(Long.class).single() > 0) {
      return;
    }
    try {
      savepoint.executeWithoutResult(
          status ->
              jdbc.sql("INSERT INTO customers (id, created_at, updated_at) VALUES (?, ?, ?)")
                  .params(id, utc(now), utc(now))
                  .update());
    } catch (DuplicateKeyException concurrentlyCreated) {
      // Another event for the same customer won the race; its row is as good as ours.
    }
  }

  private static Customer customer(ResultSet rs) throws SQLException {
    return new Customer(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("name"),
        rs.getString("locale"),
        rs.getString("time_zone"),
        rs.getString("country"),
        consent(rs, MarketingChannel.EMAIL),
        consent(rs, MarketingChannel.SMS),
        instant(rs, "first_order_at"),
        instant(rs, "erased_at"),
        consent(rs, MarketingChannel.PUSH),
        rs.getString("given_name"),
        rs.getString("family_name"),
        consent(rs, MarketingChannel.WHATSAPP));
  }

  private static Customer.Consent consent(ResultSet rs, MarketingChannel channel)
      throws SQLException {
    String c = channel.column();
    Boolean granted = rs.getObject(c + "_consent", Boolean.class);
    if (granted == null) {
      return Customer.Consent.NONE;
    }
    return new Customer.Consent(granted, instant(rs, c + "_consent_updated_at"), rs.getString(c + "_consent_source"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
