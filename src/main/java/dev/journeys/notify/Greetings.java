package dev.journeys.notify;

import dev.journeys.customers.PersonNames;
import java.util.Locale;
import java.util.Set;

/**
 * How a message names its recipient. The full name follows the name's script (李静, Ada Lovelace);
 * the greeting follows the message's language: English and other languages that greet by first
 * name use the given name ("Hello Ada,"), Chinese, Japanese and Korean the full name ("李静，您好").
 * No name at all when none is known or a polite one cannot be made: "Hello," beats "Hello there,"
 * and "Hello Lovelace,".
 */
final class Greetings {

  /** Languages whose greetings name the person in full, family name first. */
  private static final Set<String> FULL_NAME_LANGUAGES = Set.of("zh", "ja", "ko");

  private Greetings() {}

  /** The recipient's full name, or null when unknown. */
  static String fullName(Recipient recipient) {
    String joined = PersonNames.join(recipient.givenName(), recipient.familyName());
    return joined != null ? joined : PersonNames.blankToNull(recipient.name());
  }

  /** The name to greet with in this language, or null to greet without one. */
  static String greetingName(Recipient recipient, Locale locale) {
    String full = fullName(recipient);
    if (full == null || FULL_NAME_LANGUAGES.contains(locale.getLanguage())) {
      return full;
    }
    String given = PersonNames.blankToNull(recipient.givenName());
    if (given != null) {
      return given;
    }
    // Only a family name: "Hello Lovelace," would be rude, so greet without a name.
    return PersonNames.blankToNull(recipient.familyName()) == null ? full : null;
  }
}
