package dev.journeys.notify.push;

import dev.journeys.notify.TextPreview;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A push notification in the studio's preview: title and body as sent, and their lengths. */
@Component
class PushTextPreview implements TextPreview {

  private final PushProperties properties;

  PushTextPreview(PushProperties properties) {
    this.properties = properties;
  }

  @Override
  public String suffix() {
    return PushComposer.SUFFIX;
  }

  @Override
  public Shown show(String rendered) {
    String text = rendered.strip();
    int newline = text.indexOf('\n');
    String title = (newline < 0 ? text : text.substring(0, newline)).replaceAll("\\s+", " ").strip();
    String body = (newline < 0 ? "" : text.substring(newline + 1)).replaceAll("\\s+", " ").strip();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("titleLength", title.length());
    figures.put("maxTitle", properties.maxTitle());
    figures.put("bodyLength", body.length());
    figures.put("maxBody", properties.maxBody());
    List<String> problems = new ArrayList<>();
    if (title.isEmpty() || title.length() > properties.maxTitle()) {
      problems.add("Expected a push title of 1..%d characters (journeys.push.max-title), but it has %d"
          .formatted(properties.maxTitle(), title.length()));
    }
    if (body.length() > properties.maxBody()) {
      problems.add("Expected a push body of at most %d characters (journeys.push.max-body), but it has %d"
          .formatted(properties.maxBody(), body.length()));
    }
    return new Shown(title + "\n" + body, figures, problems);
  }
}
