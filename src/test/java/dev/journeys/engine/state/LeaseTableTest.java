package dev.journeys.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaseTableTest {

  @Test
  void onlyAnEmbeddedH2DatabaseCountsAsOpenToThisProcessAlone() {
    assertThat(LeaseTable.processExclusive("jdbc:h2:file:./data/journeys;WRITE_DELAY=0")).isTrue();
    assertThat(LeaseTable.processExclusive("jdbc:h2:./data/journeys")).isTrue();
    assertThat(LeaseTable.processExclusive("jdbc:h2:mem:engine")).isTrue();
    assertThat(LeaseTable.processExclusive("jdbc:h2:tcp://db:9092/journeys")).isFalse();
    assertThat(LeaseTable.processExclusive("jdbc:h2:file:./data/journeys;AUTO_SERVER=TRUE")).isFalse();
    assertThat(LeaseTable.processExclusive("jdbc:h2:file:./data/journeys;FILE_LOCK=NO")).isFalse();
    assertThat(LeaseTable.processExclusive("jdbc:postgresql://127.0.0.1:5432/test")).isFalse();
  }
}
