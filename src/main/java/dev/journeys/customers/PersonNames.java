package dev.journeys.customers;

/**
 * How a person's name is written from its parts. The name's own script decides the order, not the
 * reader's language: Chinese, Japanese and Korean names put the family name first without a space
 * (李静), others the given name first with one (Ada Lovelace) — also inside a Chinese message.
 */
public final class PersonNames {

  private PersonNames() {}

  /**
   * @return the full name, or null when both parts are blank
   */
  public static String join(String given, String family) {
    String g = blankToNull(given);
    String f = blankToNull(family);
    if (g == null || f == null) {
      return g == null ? f : g;
    }
    return eastAsian(g) && eastAsian(f) ? f + g : g + " " + f;
  }

  /** True when every letter is Han, kana or Hangul (spaces and dots aside). */
  public static boolean eastAsian(String name) {
    boolean letters = false;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      letters = true;
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
          && script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.HANGUL) {
        return false;
      }
    }
    return letters;
  }

  public static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
