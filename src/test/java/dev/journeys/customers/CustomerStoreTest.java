package dev.journeys.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The customers table on H2 and, when configured, PostgreSQL: the SQL must be portable. */
class CustomerStoreTest {

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  private MigratedDatabase database;
  private CustomerStore store;

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    store = new CustomerStore(database.jdbc(), database.transactions(), new PhoneIndex(database.jdbc()));
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void contactDetailsAreKeptWhenALaterOrderOmitsThem(String kind) {
    open(kind);

    store.saveContact(new ContactDetails("c-1", "jane@example.com", "+4915112345678", "Jane", "de", "Europe/Berlin", "DE"), T0);
    store.saveContact(new ContactDetails("c-1", "jane.new@example.com", null, "Jane Doe", "de", null, null), T0);

    Customer customer = store.find("c-1").orElseThrow();
    assertThat(customer.email()).isEqualTo("jane.new@example.com");
    assertThat(customer.phone()).isEqualTo("+4915112345678");
    assertThat(customer.name()).isEqualTo("Jane Doe");
    assertThat(customer.zone()).hasValueSatisfying(z -> assertThat(z.getId()).isEqualTo("Europe/Berlin"));
    assertThat(customer.emailMarketing()).isEqualTo(Customer.Consent.NONE);
    assertThat(customer.erased()).isFalse();
    assertThat(customer.toString()).doesNotContain("jane.new@example.com", "12345678").contains("j***@example.com");
    assertThat(store.find("c-2")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void theNewestConsentChangeWinsWhateverTheOrderOfArrival(String kind) {
    open(kind);
    Instant newer = T0.plusSeconds(60);

    assertThat(store.saveConsent("c-1", MarketingChannel.EMAIL, true, newer, "shopify-consent", T0)).isTrue();
    assertThat(store.saveConsent("c-1", MarketingChannel.EMAIL, false, T0, "shopify-order", T0)).isFalse();
    assertThat(store.saveConsent("c-1", MarketingChannel.SMS, false, T0, "api", T0)).isTrue();

    Customer customer = store.find("c-1").orElseThrow();
    assertThat(customer.emailMarketing()).isEqualTo(new Customer.Consent(true, newer, "shopify-consent"));
    assertThat(customer.smsMarketing()).isEqualTo(new Customer.Consent(false, T0, "api"));
    assertThat(customer.email()).isNull();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void onlyTheFirstOrderIsRecordedAsFirst(String kind) {
    open(kind);
    store.saveContact(new ContactDetails("c-1", "jane@example.com", null, "Jane", "en", null, null), T0);

    assertThat(store.markFirstOrder("c-1", T0, T0)).isTrue();
    assertThat(store.markFirstOrder("c-1", T0.plusSeconds(5), T0)).isFalse();
    assertThat(store.find("c-1").orElseThrow().firstOrderAt()).isEqualTo(T0);
  }
}
