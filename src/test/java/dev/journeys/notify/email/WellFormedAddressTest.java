package dev.journeys.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only one plain mailbox is an address we send to; a shop's header injection is not. */
class WellFormedAddressTest {

  @ParameterizedTest
  @ValueSource(strings = {"jane@example.com", "mei.lin+orders@example.co.uk", "  jane@example.com "})
  void plainMailboxesAreWellFormed(String address) {
    assertThat(OutgoingEmail.isWellFormedAddress(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "jane@example.com\r\nBcc: mallory@example.com",
    "jane@example.com\nBcc: mallory@example.com",
    "Jane <jane@example.com>",
    "jane@example.com, mallory@example.com",
    "jane",
    "@example.com",
    " ",
    "<script>@example.com"
  })
  void anythingElseIsNot(String address) {
    assertThat(OutgoingEmail.isWellFormedAddress(address)).isFalse();
  }
}
