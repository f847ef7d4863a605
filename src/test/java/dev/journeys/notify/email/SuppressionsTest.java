package dev.journeys.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SuppressionsTest {

  private MigratedDatabase database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aSuppressedAddressIsKnownInAnyCaseAndStoredOnlyMasked(String kind) {
    database = MigratedDatabase.open(kind);
    Suppressions suppressions = new Suppressions(database.jdbc());

    suppressions.suppress("Gone@Example.com", "550 5.1.1 user unknown");
    suppressions.suppress("gone@example.com", "550 again");

    assertThat(suppressions.isSuppressed(" gone@example.COM")).isTrue();
    assertThat(suppressions.isSuppressed("alive@example.com")).isFalse();
    assertThat(database.jdbc().sql("SELECT masked_address || ' ' || reason FROM suppression")
            .query(String.class).list())
        .containsExactly("G***@Example.com 550 5.1.1 user unknown");
  }
}
