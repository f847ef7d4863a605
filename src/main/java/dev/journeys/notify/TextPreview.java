package dev.journeys.notify;

import java.util.List;
import java.util.Map;

/**
 * How a channel shows one of its rendered texts in the studio's preview: the text as it would send
 * it, and its figures (an SMS's segments, a push's title and body lengths). Implemented by the
 * channels that have a text template of their own ({@code {locale}.sms.txt}, {@code .push.txt}).
 */
public interface TextPreview {

  /** The template file suffix this channel renders, e.g. {@code .sms.txt}. */
  String suffix();

  /** What the channel would send of this rendered text, its figures and what is wrong with it. */
  Shown show(String rendered);

  /**
   * @param figures by name, e.g. segments, encoding, maxSegments
   * @param problems what would fail a send (too long), empty when it would go out
   */
  record Shown(String text, Map<String, Object> figures, List<String> problems) {}
}
