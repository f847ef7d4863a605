package dev.journeys.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 4's benchmark: signed Shopify {@code orders/create} webhooks posted at a fixed rate
 * (open loop) to the whole Journeys app, started in this JVM on a durable H2 file, with GreenMail
 * as its real SMTP server on loopback. For each order it measures the time from the webhook's 2xx
 * answer to the moment GreenMail had accepted the confirmation e-mail for that order's customer.
 * A program, not a test: bench/webhook-to-email.sh runs it; docs/BENCHMARKS.md has the figures.
 *
 * <p>Options ({@code --name=value}): {@code rate} orders per second (50), {@code seconds} of
 * measured sending (60), {@code drain-seconds} to wait for the last confirmations (60),
 * {@code warmup-seconds} of unmeasured sending at the same rate first (15; its confirmations are
 * awaited before measuring), {@code poll-ms} between two looks at GreenMail (2),
 * {@code max-in-flight} unanswered webhooks (2000), {@code max-backlog-seconds}: stop sending early
 * once more orders await their confirmation than that many seconds of the rate (0, never; for
 * finding the sustainable rate quickly); {@code --db-url=<jdbc url>} runs it on that database (an
 * empty PostgreSQL one, say) instead of an H2 file in a temporary folder;
 * {@code --app.<property>=<value>} passes a setting to the app (e.g. {@code --app.camunda.client.execution-threads=4}) for what-if runs. The run is bounded
 * by a watchdog. Exit code 0 when every order was sent, answered 2xx and got exactly one
 * confirmation, 1 otherwise.
 */
public final class WebhookToEmailBenchmark {

  static final String SECRET = "shpss_bench_5d1e0c";
  private static final String APP_PREFIX = "--app.";
  private static final long CLOSE_SECONDS = 30;

  /** The benchmark's command line. */
  record Options(
      double rate, int seconds, int drainSeconds, int warmupSeconds, double pollMs, int maxInFlight,
      int maxBacklogSeconds, List<String> appProperties) {

    static Options parse(String[] args) {
      Map<String, String> values = new HashMap<>();
      List<String> appProperties = new ArrayList<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("Expected arguments as --name=value, but got '" + arg + "'");
        } else if (arg.startsWith(APP_PREFIX)) {
          appProperties.add("--" + arg.substring(APP_PREFIX.length()));
        } else if (arg.startsWith("--db-url=")) {
          appProperties.add("--spring.datasource.url=" + arg.substring("--db-url=".length()));
        } else {
          values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
      }
      Options options = new Options(
          Double.parseDouble(take(values, "rate", "50")),
          Integer.parseInt(take(values, "seconds", "60")),
          Integer.parseInt(take(values, "drain-seconds", "60")),
          Integer.parseInt(take(values, "warmup-seconds", "15")),
          Double.parseDouble(take(values, "poll-ms", "2")),
          Integer.parseInt(take(values, "max-in-flight", "2000")),
          Integer.parseInt(take(values, "max-backlog-seconds", "0")),
          List.copyOf(appProperties));
      if (!values.isEmpty()) {
        throw new IllegalArgumentException("Expected only known options, but got " + values.keySet());
      }
      if (options.rate() <= 0 || options.seconds() <= 0) {
        throw new IllegalArgumentException("Expected --rate and --seconds above 0, but got " + options);
      }
      return options;
    }

    private static String take(Map<String, String> values, String name, String fallback) {
      String value = values.remove(name);
      return value == null ? fallback : value;
    }

    String describe() {
      return ("rate=%s/s seconds=%d drain-seconds=%d warmup-seconds=%d poll-ms=%s max-in-flight=%d "
          + "max-backlog-seconds=%d%s")
          .formatted(rate, seconds, drainSeconds, warmupSeconds, pollMs, maxInFlight, maxBacklogSeconds,
              appProperties.isEmpty() ? "" : " app settings " + appProperties);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    BenchSupport.quietLogging();
    BenchSupport.startWatchdog(options.warmupSeconds() + options.seconds() + 2L * options.drainSeconds() + 300);
    Path dir = Files.createTempDirectory("journeys-webhook-bench-");
    System.out.printf("Webhook-to-email benchmark: %s%n", options.describe());
    System.out.printf("JVM %s, %d cores, -Xmx %d MB, database %s%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, dir);
    boolean clean;
    boolean stopped = true;
    try (MailArrivals mail = new MailArrivals(Math.round(options.pollMs() * 1000))) {
      long startup = System.nanoTime();
      ConfigurableApplicationContext app = startApp(dir, mail.smtpPort(), options.appProperties());
      try {
        int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
        System.out.printf("app started in %.1f s (HTTP %d, SMTP %d)%n",
            (System.nanoTime() - startup) / 1e9, httpPort, mail.smtpPort());
        ShopifyOrderFeed feed = new ShopifyOrderFeed(httpPort, SECRET, options.maxInFlight());
        OrderPhase phases = new OrderPhase(feed, mail, options);
        if (options.warmupSeconds() > 0) {
          OrderPhase.Result warmup = phases.run("warm-up", options.warmupSeconds(), false);
          System.out.printf("warm-up: %d orders sent, %d confirmations%n", warmup.orders().size(), warmup.arrived());
        }
        System.gc();
        OrderPhase.Result measured = phases.run("measured", options.seconds(), true);
        WebhookReport report = new WebhookReport(options, measured, mail);
        report.print();
        System.out.printf("RESULT database: H2 files %.1f MB at the end of the phase%n", BenchSupport.directorySize(dir) / 1e6);
        clean = report.clean();
      } finally {
        stopped = close(app);
      }
    } finally {
      BenchSupport.deleteRecursively(dir);
    }
    if (!stopped) {
      System.out.flush();
      Runtime.getRuntime().halt(clean ? 0 : 1); // the app's threads would keep the JVM alive
    }
    System.exit(clean ? 0 : 1);
  }

  /**
   * Stops the app, waiting at most CLOSE_SECONDS: with a backlog left by a run that fell behind,
   * shutting down can hang (see docs/BENCHMARKS.md), and the figures are already printed.
   */
  static boolean close(ConfigurableApplicationContext app) throws InterruptedException {
    Thread closer = new Thread(app::close, "bench-app-close");
    closer.setDaemon(true);
    closer.start();
    closer.join(TimeUnit.SECONDS.toMillis(CLOSE_SECONDS));
    if (closer.isAlive()) {
      System.out.printf("The app did not stop within %d s; ending the JVM%n", CLOSE_SECONDS);
      return false;
    }
    return true;
  }

  private static ConfigurableApplicationContext startApp(Path dir, int smtpPort, List<String> extra) {
    return BenchSupport.startApp(dir, List.of(
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + smtpPort,
        "--journeys.shopify.webhook-secrets=" + SECRET), extra);
  }
}
