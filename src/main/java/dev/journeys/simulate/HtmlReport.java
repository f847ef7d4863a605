package dev.journeys.simulate;

import dev.journeys.simulate.Timeline.Entry;
import org.springframework.web.util.HtmlUtils;

/**
 * The timeline as one self-contained HTML file: no script, no external resource. Every value is
 * HTML-escaped; each rendered email is shown in a sandboxed iframe (srcdoc, no scripts, no
 * same-origin), so a template's HTML can neither run nor restyle the report.
 */
final class HtmlReport {

  private HtmlReport() {}

  static String render(Timeline t) {
    StringBuilder out = new StringBuilder(8192);
    out.append("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>Simulation: %s</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
        table{border-collapse:collapse;width:100%%}
        td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}
        th{background:#f4f4f4}
        .SENT{color:#11722f}.SKIPPED,.REJECTED,.OPEN{color:#a4161a}.HELD{color:#9a6700}
        .EVENT td{background:#f7f9ff}
        iframe{width:100%%;height:420px;border:1px solid #ccc;background:#fff}
        pre{white-space:pre-wrap;background:#fafafa;padding:.5rem;border:1px solid #eee}
        details summary{cursor:pointer;color:#0b5cad}
        </style></head><body>
        """.formatted(e(t.scenario())));
    out.append("<h1>Simulation: ").append(e(t.scenario())).append("</h1>\n<p>Journey: <code>")
        .append(e(t.journeyFile())).append("</code>. Times are the customer's (")
        .append(e(t.timeZone())).append("). ").append(e(TimelineTable.summary(t))).append(".</p>\n");
    out.append("<table><thead><tr><th>when</th><th>offset</th><th>what</th><th>channel</th><th>status</th>"
        + "<th>subject, detail and message</th></tr></thead><tbody>\n");
    for (Entry entry : t.entries()) {
      row(out, entry);
    }
    out.append("</tbody></table>\n</body></html>\n");
    return out.toString();
  }

  private static void row(StringBuilder out, Entry x) {
    out.append("<tr class=\"").append(x.what()).append("\"><td>").append(e(x.local())).append("</td><td>")
        .append(e(x.offset())).append("</td><td>").append(e(x.what().name().toLowerCase(java.util.Locale.ROOT)))
        .append(' ').append(e(x.template())).append("</td><td>").append(e(x.channel())).append("</td><td class=\"")
        .append(e(x.status())).append("\">").append(e(x.status())).append("</td><td>");
    if (x.subject() != null) {
      out.append("<strong>").append(e(x.subject())).append("</strong><br>");
    }
    if (x.detail() != null) {
      out.append(e(x.detail())).append("<br>");
    }
    if (x.html() != null) {
      out.append("<details><summary>the email as rendered</summary><iframe sandbox title=\"")
          .append(e(x.subject())).append("\" srcdoc=\"").append(e(x.html())).append("\"></iframe></details>");
    }
    if (x.text() != null) {
      out.append("<details><summary>").append(x.html() != null ? "the text part" : "the " + x.channel() + " text")
          .append("</summary><pre>").append(e(x.text())).append("</pre></details>");
    }
    out.append("</td></tr>\n");
  }

  private static String e(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
