package dev.journeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of /actuator/prometheus, parsed into series: the way Prometheus itself sees the app. */
public final class PrometheusScrape {

  /** One sample: metric name, labels and value. */
  public record Series(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<Series> series;
  private final String text;

  private PrometheusScrape(String text) {
    this.text = text;
    this.series = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      series.add(new Series(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
  }

  /** Scrapes the app on this port, as Prometheus does: with a token of role metrics. */
  public static PrometheusScrape of(int port) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
              .header("Accept", "text/plain")
              .header("Authorization", TestCredentials.bearer(TestCredentials.METRICS_TOKEN)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("Expected /actuator/prometheus to answer 200, but it answered "
            + response.statusCode() + ": " + response.body());
      }
      return new PrometheusScrape(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The sum of every series of this name whose labels include {@code labels}; 0 when there is none. */
  public double sum(String name, Map<String, String> labels) {
    return matching(name, labels).stream().mapToDouble(Series::value).sum();
  }

  public List<Series> matching(String name, Map<String, String> labels) {
    return series.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  public boolean has(String name) {
    return series.stream().anyMatch(s -> s.name().equals(name));
  }

  public String text() {
    return text;
  }
}
