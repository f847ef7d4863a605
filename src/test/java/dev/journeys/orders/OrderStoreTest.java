package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The orders tables on H2 and, when configured, PostgreSQL: the SQL must be portable. */
class OrderStoreTest {

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  private MigratedDatabase database;
  private OrderStore store;

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    store = new OrderStore(database.jdbc(), database.transactions());
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aClaimStoresTheOrderAndOnlyTheFirstClaimWins(String kind) {
    open(kind);

    assertThat(store.claim(order("A-1"), T0)).isTrue();
    assertThat(store.claim(order("A-1"), T0)).isFalse();

    Order stored = store.find("A-1").orElseThrow();
    assertThat(stored.journeyKey()).isNull();
    assertThat(stored.customer().email()).isEqualTo("jane@example.com");
    assertThat(stored.items()).extracting(Order.Item::sku).containsExactly("MUG-01", "TEA-07");
    assertThat(stored.items().get(0).unitPrice()).isEqualByComparingTo("12.50");
    assertThat(stored.total()).isEqualByComparingTo("33.90");
    assertThat(stored.estimatedDelivery()).isEqualTo(LocalDate.of(2030, 12, 24));
    assertThat(stored.receivedAt()).isEqualTo(T0);

    store.attachJourney("A-1", 2251799813685251L);
    assertThat(store.find("A-1").orElseThrow().journeyKey()).isEqualTo(2251799813685251L);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void releaseForgetsAnOrderWithoutAJourneyButKeepsAnAcceptedOne(String kind) {
    open(kind);
    store.claim(order("A-1"), T0);
    store.claim(order("A-2"), T0);
    store.attachJourney("A-2", 7L);

    store.release("A-1");
    store.release("A-2");

    assertThat(store.find("A-1")).isEmpty();
    assertThat(store.claim(order("A-1"), T0)).isTrue();
    assertThat(store.find("A-2")).isPresent();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void anAbandonedClaimIsTakenOverOnce(String kind) {
    open(kind);
    store.claim(order("A-1"), T0);
    Instant later = T0.plus(Duration.ofMinutes(5));

    assertThat(store.takeOverAbandoned("A-1", later, T0.minusSeconds(1))).isFalse();
    assertThat(store.takeOverAbandoned("A-1", later, T0.plusSeconds(1))).isTrue();
    assertThat(store.takeOverAbandoned("A-1", later, T0.plusSeconds(1))).isFalse();
    store.attachJourney("A-1", 9L);
    assertThat(store.takeOverAbandoned("A-1", later.plusSeconds(600), later.plusSeconds(1))).isFalse();
  }

  private static Order order(String orderId) {
    return new Order(
        orderId,
        new Order.Customer("jane@example.com", "Jane Doe"),
        List.of(
            new Order.Item("MUG-01", "Blue mug", 2, new BigDecimal("12.50")),
            new Order.Item("TEA-07", "Green tea", 1, new BigDecimal("8.90"))),
        new BigDecimal("33.90"),
        "EUR",
        "en",
        LocalDate.of(2030, 12, 24),
        null,
        T0);
  }
}
