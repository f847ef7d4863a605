package dev.journeys.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A customer's name in parts, so each language can greet in its own way: kept with the name, written
 * in the name's own order, replaced with it, and erased with it (H2 and, when configured, PostgreSQL).
 */
class NamePartsTest {

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  private MigratedDatabase database;
  private CustomerStore store;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    "静 | 李 | 李静",
    "Ada | Lovelace | Ada Lovelace",
    "ジョン | 山田 | 山田ジョン",
    "Ada | 李 | Ada 李",
    "Ada | - | Ada",
    "- | Lovelace | Lovelace",
    "' ' | - | -"
  })
  void aNameIsWrittenInItsScriptsOrder(String given, String family, String full) {
    assertThat(PersonNames.join(given, family)).isEqualTo(full);
  }

  @Test
  void onlyHanKanaAndHangulCountAsEastAsian() {
    assertThat(PersonNames.eastAsian("李 静")).isTrue();
    assertThat(PersonNames.eastAsian("김민준")).isTrue();
    assertThat(PersonNames.eastAsian("Li Jing")).isFalse();
    assertThat(PersonNames.eastAsian("  ")).isFalse();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void thePartsTravelWithTheNameAndAreErasedWithIt(String kind) {
    database = MigratedDatabase.open(kind);
    store = new CustomerStore(database.jdbc(), database.transactions(), new PhoneIndex(database.jdbc()));

    store.saveContact(contact("李静", "静", "李"), T0);
    assertThat(store.find("c-1").orElseThrow()).extracting(Customer::name, Customer::givenName, Customer::familyName)
        .containsExactly("李静", "静", "李");

    // An order without a name keeps the name and its parts.
    store.saveContact(contact(null, null, null), T0);
    assertThat(store.find("c-1").orElseThrow().givenName()).isEqualTo("静");

    // A new name sent whole replaces the old parts: they must not outlive it.
    store.saveContact(contact("Jing Li", null, null), T0);
    assertThat(store.find("c-1").orElseThrow()).extracting(Customer::name, Customer::givenName, Customer::familyName)
        .containsExactly("Jing Li", null, null);

    store.saveContact(contact("Ada Lovelace", "Ada", "Lovelace"), T0);
    assertThat(store.erase("c-1", T0)).isEqualTo(1);
    assertThat(store.find("c-1").orElseThrow()).extracting(Customer::name, Customer::givenName, Customer::familyName)
        .containsExactly(null, null, null);
  }

  private static ContactDetails contact(String name, String given, String family) {
    return new ContactDetails("c-1", "ada@example.com", null, name, "en", null, null, given, family);
  }
}
