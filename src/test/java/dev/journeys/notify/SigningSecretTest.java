package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** With no configured secret, one is generated once and shared through the database. */
class SigningSecretTest {

  private MigratedDatabase database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void everyInstanceOnOneDatabaseSignsWithTheSameGeneratedKey(String kind) {
    database = MigratedDatabase.open(kind);

    byte[] first = new SigningSecret(database.jdbc(), TestMessages.PROPERTIES).active().secret();
    byte[] second = new SigningSecret(database.jdbc(), TestMessages.PROPERTIES).active().secret();

    assertThat(first).hasSize(32).isEqualTo(second);
    assertThat(database.jdbc().sql("SELECT COUNT(*) FROM signing_secret").query(Integer.class).single())
        .isEqualTo(1);
  }
}
