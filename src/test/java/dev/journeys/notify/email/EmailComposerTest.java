package dev.journeys.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The From header of every email. */
class EmailComposerTest {

  @Test
  void theSenderNameReplacesTheFromDisplayNameAndKeepsTheAddress() {
    assertThat(EmailComposer.from("Journeys <orders@shop.test>", "Mei at Teahouse Lin"))
        .isEqualTo("Mei at Teahouse Lin <orders@shop.test>");
    assertThat(EmailComposer.from("Journeys <orders@shop.test>", null)).isEqualTo("Journeys <orders@shop.test>");
  }
}
