package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboxPollerTest {

  @ParameterizedTest
  @CsvSource({
    "jdbc:h2:file:./data/journeys;WRITE_DELAY=0, true",
    "jdbc:h2:./data/journeys, true",
    "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1, true",
    "JDBC:H2:FILE:/var/journeys, true",
    "jdbc:h2:file:./data/journeys;AUTO_SERVER=TRUE, false",
    "jdbc:h2:tcp://localhost/~/journeys, false",
    "jdbc:h2:ssl://db.example/journeys, false",
    "jdbc:postgresql://127.0.0.1:5432/test, false",
  })
  void onlyAnEmbeddedH2DatabaseIsKnownToBeThisProcesssAlone(String url, boolean exclusive) {
    assertThat(InboxPoller.isExclusive(url)).isEqualTo(exclusive);
  }
}
