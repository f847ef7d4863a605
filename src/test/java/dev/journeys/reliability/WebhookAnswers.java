package dev.journeys.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/** Every webhook delivery attempt of a run and how it was answered, for the summary of an outage. */
final class WebhookAnswers {

  /** One attempt; status 0 when there was no answer (connection refused, or the request timed out). */
  private record Answer(long sentNanos, long answeredNanos, int status) {}

  private final List<Answer> answers = new ArrayList<>();

  synchronized void add(long sentNanos, long answeredNanos, int status) {
    answers.add(new Answer(sentNanos, answeredNanos, status));
  }

  /**
   * The answers from {@code from} until the app accepted (2xx) a webhook sent after {@code back}:
   * how many were 5xx, and the count by status ("none" for no answer). {@code seconds} turns a
   * System.nanoTime into seconds into the load.
   */
  synchronized String during(long from, long back, LongFunction<Double> seconds) {
    long until = answers.stream().filter(a -> a.status() / 100 == 2 && a.sentNanos() >= back)
        .mapToLong(Answer::answeredNanos).min().orElse(back);
    List<Answer> window = answers.stream().filter(a -> a.answeredNanos() >= from && a.answeredNanos() <= until).toList();
    Map<String, Long> byStatus = new TreeMap<>(window.stream().collect(
        Collectors.groupingBy(a -> a.status() == 0 ? "none" : Integer.toString(a.status()), Collectors.counting())));
    long serverErrors = window.stream().filter(a -> a.status() / 100 == 5).count();
    return "%d answered 5xx until %.1f s; by status %s".formatted(serverErrors, seconds.apply(until), byStatus);
  }
}
