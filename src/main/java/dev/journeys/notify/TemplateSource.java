package dev.journeys.notify;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@link MessageRenderer} finds a template's text before the class path: the version
 * published in the studio ({@link TemplateVersions}), or an unpublished text being previewed.
 * Paths are as under templates/messages/ on the class path, e.g. {@code shipping-update/en.html}
 * or {@code _parts/en/greeting.txt}.
 */
interface TemplateSource {

  /** Nothing published: every text comes from the class path (template tests, the simulator). */
  TemplateSource PACKAGED = new TemplateSource() {
    @Override
    public Optional<Text> find(String path) {
      return Optional.empty();
    }

    @Override
    public long stamp(String path) {
      return 0;
    }
  };

  /**
   * A published text.
   *
   * @param stamp changes whenever the path's published text does (never 0)
   */
  record Text(String body, long stamp) {}

  /** The published text of this path; empty to use the packaged file. */
  Optional<Text> find(String path);

  /**
   * What {@link Text#stamp} the path's text has now, 0 for the packaged file: a renderer's cached
   * template stays valid while this stays the same. Called on every cached use, so it must be cheap.
   */
  long stamp(String path);

  /**
   * This source with unpublished texts (path to text) in front, for a preview. An unpublished
   * text's stamp is negative and derived from its content, so a preview asked for again with the
   * same text (the editor sends every part on each keystroke) reuses its parsed template, while
   * any other text, and every published one (stamps 0 and up), parses its own.
   */
  default TemplateSource with(Map<String, String> drafts) {
    TemplateSource published = this;
    Map<String, Long> stamps = new java.util.HashMap<>();
    drafts.forEach((path, text) -> stamps.put(path, draftStamp(text)));
    return new TemplateSource() {
      @Override
      public Optional<Text> find(String path) {
        String draft = drafts.get(path);
        return draft != null ? Optional.of(new Text(draft, stamps.get(path))) : published.find(path);
      }

      @Override
      public long stamp(String path) {
        Long stamp = stamps.get(path);
        return stamp != null ? stamp : published.stamp(path);
      }
    };
  }

  /** A negative stamp from an unpublished text's content (64 bits of its SHA-256). */
  static long draftStamp(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long bits = java.nio.ByteBuffer.wrap(digest).getLong();
      return bits | Long.MIN_VALUE;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected SHA-256 in every JVM, but it is missing", e);
    }
  }
}
