package dev.journeys.notify;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Rewrites an email's links to other sites into signed redirects of this app, and adds the open
 * pixel, as {@link TrackingProperties} asks. The redirect's token signs the message and the exact
 * target, so it forwards only to links that were in a message we rendered (no open redirect), and a
 * changed target or message fails the signature. Links to this app itself (unsubscribe, the
 * preference centre, ratings) are never rewritten: they work on their own and must stay readable.
 */
@Component
class TrackedLinks {

  static final String CLICK_PATH = "/links/c/";
  static final String OPEN_PATH = "/links/o/";
  static final String CLICK = "click";
  static final String OPEN = "open";

  private static final Pattern HREF = Pattern.compile("(href\\s*=\\s*\")(https?://[^\"]+)(\")", Pattern.CASE_INSENSITIVE);
  private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"]+");
  private static final String TRAILING = ".,;:!?)]'";

  private final SignedLinks links;
  private final TrackingProperties properties;
  private final String ownBase;

  TrackedLinks(SignedLinks links, TrackingProperties properties) {
    this.links = links;
    this.properties = properties;
    this.ownBase = links.url("/");
  }

  /** The message with its outside links tracked and the pixel added, as the settings say. */
  RenderedMessage track(long elementInstanceKey, Channel channel, RenderedMessage message) {
    if (!properties.clicks() && !properties.opens()) {
      return message;
    }
    String html = message.html();
    String text = message.text();
    if (properties.clicks()) {
      html = trackHtml(elementInstanceKey, channel, html);
      text = trackText(elementInstanceKey, channel, text);
    }
    if (properties.opens() && html != null) {
      html = withPixel(html, links.link(OPEN_PATH, OPEN, Long.toString(elementInstanceKey), channel.key()));
    }
    return new RenderedMessage(message.locale(), message.subject(), text, html);
  }

  /** The redirect for one link of a message. */
  String clickUrl(long elementInstanceKey, Channel channel, String target) {
    return links.link(CLICK_PATH, CLICK, Long.toString(elementInstanceKey), channel.key(), target);
  }

  /**
   * @return the message key, channel and target of a click token
   * @throws SignedLinks.InvalidTokenException when it is not one we made
   */
  List<String> verifyClick(String token) {
    return links.verify(CLICK, token, 3);
  }

  /** @return the message key and channel of an open token */
  List<String> verifyOpen(String token) {
    return links.verify(OPEN, token, 2);
  }

  private String trackHtml(long key, Channel channel, String html) {
    if (html == null) {
      return null;
    }
    Matcher m = HREF.matcher(html);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String target = unescape(m.group(2));
      String href = outside(target) ? escape(clickUrl(key, channel, target)) : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + href + m.group(3)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String trackText(long key, Channel channel, String text) {
    if (text == null) {
      return null;
    }
    Matcher m = TEXT_URL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String url = m.group();
      int end = url.length();
      while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
        end--;
      }
      String target = url.substring(0, end);
      String replaced = outside(target) ? clickUrl(key, channel, target) + url.substring(end) : url;
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  private boolean outside(String target) {
    return !target.startsWith(ownBase) && !target.contains("\n") && target.length() <= 2000;
  }

  private static String withPixel(String html, String pixelUrl) {
    String img = "<img src=\"" + escape(pixelUrl) + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
    int body = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
    return body < 0 ? html + img : html.substring(0, body) + img + html.substring(body);
  }

  private static String unescape(String attribute) {
    return attribute.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;");
  }
}
