package dev.journeys.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.simulate.Timeline.Entry;
import dev.journeys.simulate.Timeline.What;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three forms of a timeline: table, JSON, and an HTML report that no message can break out of. */
class ReportsTest {

  private static final Instant AT = Instant.parse("2026-03-02T21:30:00Z");

  private static Timeline timeline() {
    Entry email = new Entry(AT, "Mon 2026-03-02 22:30", "+12h30m", What.MESSAGE, "email", "order-confirmation", "SENT",
        null, "Your order <b>X-1</b> & more", "Hello \"Jane\"", "Hello \"Jane\"\nLine 2",
        "<html><body><script>alert(1)</script><p style=\"color:red\">Hi</p></body></html>");
    Entry held = new Entry(AT, "Mon 2026-03-02 22:30", "+12h30m", What.MESSAGE, "sms", "delay-alert", "HELD",
        "held until Tue 2026-03-03 08:00 (quiet-hours)", null, "Late </td></tr><tr><td>x", "Late", null);
    return new Timeline("t <script>", "j.bpmn", "Europe/Berlin", AT, AT, 0, 1, 5, List.of(email, held));
  }

  @Test
  void htmlEscapesEverythingAndShowsEmailsInSandboxedFrames() {
    String html = HtmlReport.render(timeline());

    assertThat(html).doesNotContain("<script>", "<b>X-1</b>", "</td></tr><tr><td>x");
    assertThat(html).contains("Your order &lt;b&gt;X-1&lt;/b&gt; &amp; more");
    assertThat(html).contains("<iframe sandbox title=")
        .contains("srcdoc=\"&lt;html&gt;&lt;body&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p style=&quot;color:red&quot;&gt;");
    assertThat(html).contains("content=\"default-src 'none'");
    assertThat(html).contains("held until Tue 2026-03-03 08:00 (quiet-hours)");
  }

  @Test
  void tableShowsPreviewAndReasonAndJsonKeepsTheRenderedMessage() throws Exception {
    String table = TimelineTable.format(timeline());
    assertThat(table).contains("Mon 2026-03-02 22:30", "delay-alert", "HELD", "held until Tue 2026-03-03 08:00 (quiet-hours)")
        .contains("1 message(s) sent, 1 held or skipped; 1 journey(s) still waiting at the horizon");

    var json = new ObjectMapper().readTree(SimulateCommand.toJson(timeline()));
    assertThat(json.path("entries").get(0).path("at").asText()).isEqualTo("2026-03-02T21:30:00Z");
    assertThat(json.path("entries").get(0).path("html").asText()).contains("<script>alert(1)</script>");
    assertThat(json.path("entries").get(1).path("detail").asText()).contains("quiet-hours");
  }
}
