package dev.journeys.notify.sms;

import dev.journeys.notify.TextPreview;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** An SMS in the studio's preview: one line as it is sent, its segments and encoding. */
@Component
class SmsTextPreview implements TextPreview {

  private final SmsProperties properties;

  SmsTextPreview(SmsProperties properties) {
    this.properties = properties;
  }

  @Override
  public String suffix() {
    return SmsComposer.SUFFIX;
  }

  @Override
  public Shown show(String rendered) {
    String body = rendered.replaceAll("\\s+", " ").strip();
    SmsSegments.Count count = SmsSegments.count(body);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("segments", count.segments());
    figures.put("encoding", count.gsm7() ? "GSM-7" : "UCS-2");
    figures.put("characters", count.units());
    figures.put("maxSegments", properties.maxSegments());
    List<String> problems = count.segments() > properties.maxSegments()
        ? List.of("Expected the SMS to fit in journeys.sms.max-segments=%d, but it renders to %s"
            .formatted(properties.maxSegments(), count.describe()))
        : List.of();
    return new Shown(body, figures, problems);
  }
}
