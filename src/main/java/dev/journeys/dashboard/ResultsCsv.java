package dev.journeys.dashboard;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * A results table as CSV (RFC 4180): a header row, then one row per line of the table, CRLF line
 * ends, and fields holding a comma, quote or line break quoted with their quotes doubled. Text that
 * a spreadsheet would take for a formula gets a leading apostrophe.
 */
record ResultsCsv(List<String> header, List<List<Object>> rows) {

  /** The named table of a page as a download, or 400 naming the field for a table it does not have. */
  static ResponseEntity<String> download(String page, String table, Map<String, ResultsCsv> tables) {
    ResultsCsv csv = tables.get(table);
    if (csv == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "table: expected one of " + String.join(", ", tables.keySet()) + ", but got '" + table + "'");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + page + "-" + table + ".csv\"")
        .body(csv.text());
  }

  String text() {
    StringBuilder out = new StringBuilder();
    line(out, header.stream().map(h -> (Object) h).toList());
    rows.forEach(row -> line(out, row));
    return out.toString();
  }

  private static void line(StringBuilder out, List<Object> fields) {
    out.append(fields.stream().map(ResultsCsv::field).collect(Collectors.joining(","))).append("\r\n");
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (value instanceof CharSequence && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      // Customers' words (comments) must not run as a spreadsheet formula (CSV injection).
      text = "'" + text;
    }
    boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
