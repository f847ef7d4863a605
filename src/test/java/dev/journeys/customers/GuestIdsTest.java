package dev.journeys.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.MigratedDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guest ids: stable per address, keyed so an address alone does not give the id. */
class GuestIdsTest {

  private static final String KEY = "a-configured-guest-id-key-of-32-characters";

  private MigratedDatabase database;
  private CustomerStore store;

  private GuestIds open(String kind, String configuredKey) {
    database = MigratedDatabase.open(kind);
    store = new CustomerStore(database.jdbc(), database.transactions(), new PhoneIndex(database.jdbc()));
    return new GuestIds(database.jdbc(), store, configuredKey);
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void anAddressGivesTheSameIdAcrossRestartsButNotItsPlainHash(String kind) {
    GuestIds ids = open(kind, "");
    String id = ids.of(" Jane@Example.com");

    assertThat(id).isEqualTo(ids.of("jane@example.com")).startsWith("guest-").hasSize(30).doesNotContain("jane");
    // Whoever has a candidate address but not the key cannot compute it.
    assertThat(id).isNotEqualTo(GuestIds.legacyId("jane@example.com".getBytes(StandardCharsets.UTF_8)));
    // The generated key is stored once: a restarted app (a new GuestIds) derives the same id.
    assertThat(new GuestIds(database.jdbc(), store, "").of("jane@example.com")).isEqualTo(id);
    assertThat(database.jdbc().sql("SELECT COUNT(*) FROM customer_secret").query(Long.class).single()).isEqualTo(1L);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void theConfiguredKeyDecidesTheIds(String kind) {
    GuestIds configured = open(kind, KEY);
    GuestIds generated = new GuestIds(database.jdbc(), store, "");
    GuestIds other = new GuestIds(database.jdbc(), store, KEY.replace('a', 'b'));

    assertThat(configured.of("jane@example.com"))
        .isEqualTo(new GuestIds(database.jdbc(), store, KEY).of("jane@example.com"))
        .isNotEqualTo(generated.of("jane@example.com"))
        .isNotEqualTo(other.of("jane@example.com"));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aGuestStoredBeforeIdsWereKeyedKeepsTheirId(String kind) {
    GuestIds ids = open(kind, KEY);
    String legacy = GuestIds.legacyId("old@example.com".getBytes(StandardCharsets.UTF_8));
    store.saveContact(new ContactDetails(legacy, "Old@Example.com", null, "Old", "en", null, null),
        Instant.parse("2030-01-01T10:00:00Z"));
    // What the migration to keyed ids records when it finds such guests.
    database.jdbc().sql("INSERT INTO customer_secret (name, secret, created_at) VALUES (?, 'present', CURRENT_TIMESTAMP)")
        .param(GuestIds.UNKEYED).update();

    assertThat(ids.of("old@example.com")).isEqualTo(legacy);
    assertThat(ids.of("new@example.com"))
        .isNotEqualTo(GuestIds.legacyId("new@example.com".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aShortConfiguredKeyIsRefused(String kind) {
    open(kind, "");
    assertThatThrownBy(() -> new GuestIds(database.jdbc(), store, "too-short"))
        .hasMessage("Expected journeys.customers.guest-id-key to have at least 32 characters, but it has 9");
  }
}
