package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailMaskingTest {

  @Test
  void masksAnAddressKeepingItsFirstLetterAndDomain() {
    assertThat(EmailMasking.mask("jane.doe@example.com")).isEqualTo("j***@example.com");
    assertThat(EmailMasking.mask("broken")).isEqualTo("***");
  }

  @Test
  void masksEveryAddressInFreeText() {
    assertThat(EmailMasking.maskAll("550 Invalid Addresses: jane@example.com, bob@x.org"))
        .isEqualTo("550 Invalid Addresses: j***@example.com, b***@x.org");
  }
}
