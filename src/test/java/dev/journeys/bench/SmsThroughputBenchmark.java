package dev.journeys.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 5's benchmark: SMS sent through the whole app (send-message jobs on the embedded engine,
 * the outbox, the Twilio-compatible transport) to WireMock as the provider, which answers each
 * with a fresh MessageSid; for every SMS WireMock receives, this program posts two signed status
 * callbacks (sent, then delivered) back to the app's webhook. The app runs in this JVM on a
 * durable H2 file. A program, not a test: bench/sms-throughput.sh runs it; docs/BENCHMARKS.md
 * has the figures.
 *
 * <p>Options ({@code --name=value}): {@code messages} measured (3000), {@code warmup} messages
 * first, not measured (300), {@code max-in-flight} instances created but not yet sent (500),
 * {@code drain-seconds} to wait for the last SMS and callbacks (120), {@code callback-threads}
 * (32), and {@code --app.<property>=<value>} settings for the app. Quiet hours are off (the run must
 * not depend on the time of day). Exit code 0 when every message reached the provider exactly once
 * and ended SENT with delivery status delivered, 1 otherwise.
 */
public final class SmsThroughputBenchmark {

  private static final String ACCOUNT = "ACbench0000000000";
  private static final String TOKEN = "bench-auth-token";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final String SIGNED_BASE = "https://journeys.bench.invalid";
  private static final String PROCESS = "bench-sms";

  record Options(int messages, int warmup, int maxInFlight, int drainSeconds, int callbackThreads,
      List<String> appProperties) {

    static Options parse(String[] args) {
      Map<String, String> values = new HashMap<>();
      List<String> app = new ArrayList<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("Expected arguments as --name=value, but got '" + arg + "'");
        } else if (arg.startsWith("--app.")) {
          app.add("--" + arg.substring("--app.".length()));
        } else {
          values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
      }
      Options options = new Options(
          Integer.parseInt(values.getOrDefault("messages", "3000")),
          Integer.parseInt(values.getOrDefault("warmup", "300")),
          Integer.parseInt(values.getOrDefault("max-in-flight", "500")),
          Integer.parseInt(values.getOrDefault("drain-seconds", "120")),
          Integer.parseInt(values.getOrDefault("callback-threads", "32")),
          List.copyOf(app));
      values.keySet().removeAll(List.of("messages", "warmup", "max-in-flight", "drain-seconds", "callback-threads"));
      if (!values.isEmpty()) {
        throw new IllegalArgumentException("Expected only known options, but got " + values.keySet());
      }
      return options;
    }
  }

  /** What the provider saw and what came back, per phone number (one customer, one message). */
  private static final class Provider {
    final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final AtomicInteger callbacksOk = new AtomicInteger();
    final AtomicInteger callbacksFailed = new AtomicInteger();
    final AtomicLong sids = new AtomicLong();
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (LoggerFactoryHolder.root() instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(600L + options.drainSeconds() * 2L + options.messages() / 10));
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("Benchmark still running; halting");
      Runtime.getRuntime().halt(3);
    }, "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    Path dir = Files.createTempDirectory("journeys-sms-bench-");
    Provider seen = new Provider();
    ExecutorService callbacks = Executors.newFixedThreadPool(options.callbackThreads());
    WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
        .containerThreads(64).disableRequestJournal());
    provider.start();
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withTransformers("response-template")
        .withBody("{\"sid\":\"SM{{randomValue type='UUID'}}\",\"status\":\"queued\"}")));
    System.out.printf("SMS throughput benchmark: messages=%d warmup=%d max-in-flight=%d callback-threads=%d%s%n",
        options.messages(), options.warmup(), options.maxInFlight(), options.callbackThreads(),
        options.appProperties().isEmpty() ? "" : " app settings " + options.appProperties());
    System.out.printf("JVM %s, %d cores, -Xmx %d MB, load average at start %.2f%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, BenchSupport.loadAverage());
    boolean clean;
    List<Thread> pollers = new ArrayList<>();
    ConfigurableApplicationContext app = startApp(dir, provider.baseUrl(), options.appProperties());
    try {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(options.callbackThreads())).build();
      provider.addMockServiceRequestListener((request, response) -> {
        if (!request.getUrl().equals(MESSAGES)) {
          return;
        }
        String to = form(request.getBodyAsString()).get("To");
        seen.firstArrival.putIfAbsent(to, System.nanoTime());
        seen.received.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
      });
      CamundaClient camunda = app.getBean(CamundaClient.class);
      Customers customers = app.getBean(Customers.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      deploy(camunda);
      SidCallbacks sidCallbacks = new SidCallbacks(jdbc, http, port, seen, callbacks);
      Thread poller = new Thread(sidCallbacks, "bench-callbacks");
      poller.setDaemon(true);
      poller.start();
      pollers.add(poller);

      prepare(customers, 0, options.warmup() + options.messages());
      run("warm-up", 0, options.warmup(), options, camunda, seen);
      awaitSent(seen, options.warmup(), options.drainSeconds());
      System.gc();
      long start = System.nanoTime();
      long cpuAtStart = BenchSupport.processCpuNanos();
      Map<String, Long> created = run("measured", options.warmup(), options.messages(), options, camunda, seen);
      boolean allArrived = awaitSent(seen, options.warmup() + options.messages(), options.drainSeconds());
      long lastArrival = created.keySet().stream().map(seen.firstArrival::get).filter(java.util.Objects::nonNull)
          .mapToLong(Long::longValue).max().orElse(start);
      double seconds = (lastArrival - start) / 1e9;
      int arrived = (int) created.keySet().stream().filter(seen.firstArrival::containsKey).count();
      boolean callbacksDone = sidCallbacks.awaitDelivered(options.warmup() + options.messages(), options.drainSeconds());
      double cpuMsPerSms = (BenchSupport.processCpuNanos() - cpuAtStart) / 1e6 / options.messages();
      long[] latencies = created.entrySet().stream().filter(e -> seen.firstArrival.containsKey(e.getKey()))
          .mapToLong(e -> seen.firstArrival.get(e.getKey()) - e.getValue()).sorted().toArray();
      long duplicates = seen.received.values().stream().filter(c -> c.get() > 1).count();
      Map<String, Long> states = jdbc.sql("""
              SELECT status || '/' || COALESCE(delivery_status, '-') AS s, COUNT(*) FROM outbox GROUP BY s""")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
      long delivered = states.getOrDefault("SENT/delivered", 0L);
      int total = options.warmup() + options.messages();

      System.out.printf("%nmeasured: %d messages, %d reached the provider in %.2f s: %.1f SMS/s%n",
          options.messages(), arrived, seconds, arrived / seconds);
      System.out.printf("create ack -> provider received: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
          pct(latencies, 50), pct(latencies, 99), pct(latencies, 100));
      System.out.printf("status callbacks answered 200: %d, failed: %d%n", seen.callbacksOk.get(), seen.callbacksFailed.get());
      System.out.printf("CPU of this JVM (app, WireMock, callback senders, instance creation) until the last "
          + "callback: %.1f ms per SMS, i.e. %.0f SMS/s per fully used core%n", cpuMsPerSms, 1000 / cpuMsPerSms);
      System.out.printf("outbox (status/delivery) over all %d messages: %s%n", total, states);
      System.out.printf("duplicates at the provider: %d; load average at end %.2f%n", duplicates, BenchSupport.loadAverage());
      clean = allArrived && callbacksDone && duplicates == 0 && delivered == total && seen.callbacksFailed.get() == 0;
      System.out.println(clean ? "CLEAN: nothing lost, nothing duplicated" : "NOT CLEAN: see above");
    } finally {
      callbacks.shutdownNow();
      pollers.forEach(Thread::interrupt);
      Thread closer = new Thread(app::close, "bench-close");
      closer.setDaemon(true);
      closer.start();
      closer.join(30_000);
      provider.stop();
      BenchSupport.deleteRecursively(dir);
    }
    System.out.flush();
    Runtime.getRuntime().halt(clean ? 0 : 1);
  }

  /** Records the customers, each with SMS consent and a mobile number of their own, before timing. */
  private static void prepare(Customers customers, int from, int count) {
    long started = System.nanoTime();
    for (int i = from; i < from + count; i++) {
      String id = "bench-" + i;
      customers.recordContact(new ContactDetails(id, null, phone(i), "Bench", "en", "UTC", "DE"));
      customers.recordConsent(id, MarketingChannel.SMS, true, Instant.parse("2030-01-01T00:00:00Z"), "bench");
    }
    System.out.printf("%d customers recorded in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
  }

  /** Creates one instance per customer; returns create-ack times by phone number. */
  private static Map<String, Long> run(String phase, int from, int count, Options options, CamundaClient camunda,
      Provider seen) throws InterruptedException {
    Map<String, Long> created = new ConcurrentHashMap<>();
    long started = System.nanoTime();
    for (int i = from; i < from + count; i++) {
      String e164 = e164(i);
      // Bounded by what the provider has not yet received, so the engine's queue stays finite.
      while (i - seen.firstArrival.size() >= options.maxInFlight()) {
        Thread.sleep(1);
      }
      camunda.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion()
          .variables(Map.of("customerId", "bench-" + i)).send()
          .whenComplete((r, e) -> {
            if (e == null) {
              created.put(e164, System.nanoTime());
            } else {
              System.err.println("create failed: " + e);
            }
          });
    }
    System.out.printf("%s: %d instances created in %.1f s%n", phase, count, (System.nanoTime() - started) / 1e9);
    return created;
  }

  private static boolean awaitSent(Provider seen, int total, int drainSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
    while (seen.firstArrival.size() < total && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return seen.firstArrival.size() >= total;
  }

  /** Finds newly sent SMS (their sid is in the outbox) and posts their signed callbacks. */
  private static final class SidCallbacks implements Runnable {
    private final JdbcClient jdbc;
    private final HttpClient http;
    private final int port;
    private final Provider seen;
    private final ExecutorService pool;
    private final Map<String, Boolean> posted = new ConcurrentHashMap<>();
    private final AtomicInteger delivered = new AtomicInteger();

    SidCallbacks(JdbcClient jdbc, HttpClient http, int port, Provider seen, ExecutorService pool) {
      this.jdbc = jdbc;
      this.http = http;
      this.port = port;
      this.seen = seen;
      this.pool = pool;
    }

    @Override
    public void run() {
      while (!Thread.currentThread().isInterrupted()) {
        List<String> sids;
        try {
          sids = jdbc.sql("SELECT provider_message_id FROM outbox WHERE delivery_status = 'queued'")
              .query(String.class).list();
        } catch (RuntimeException appClosing) {
          return;
        }
        for (String sid : sids) {
          if (sid != null && posted.putIfAbsent(sid, true) == null) {
            pool.submit(() -> {
              callback(sid, "sent");
              if (callback(sid, "delivered")) {
                delivered.incrementAndGet();
              }
            });
          }
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    boolean awaitDelivered(int total, int drainSeconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
      while (delivered.get() < total && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      return delivered.get() >= total;
    }

    private boolean callback(String sid, String status) {
      Map<String, String> form = new TreeMap<>(Map.of("MessageSid", sid, "MessageStatus", status, "AccountSid", ACCOUNT));
      String path = "/webhooks/sms/status";
      String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", sign(SIGNED_BASE + path, form))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        boolean ok = response.statusCode() == 200;
        (ok ? seen.callbacksOk : seen.callbacksFailed).incrementAndGet();
        return ok;
      } catch (IOException | InterruptedException e) {
        seen.callbacksFailed.incrementAndGet();
        return false;
      }
    }
  }

  /** X-Twilio-Signature, written here independently of the app's own code. */
  static String sign(String url, Map<String, String> sortedForm) {
    StringBuilder data = new StringBuilder(url);
    sortedForm.forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deploy(CamundaClient camunda) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-message").zeebeJobRetries("5")
            .zeebeTaskHeader("template", "anniversary-thank-you")
            .zeebeTaskHeader("channels", "sms")
            .zeebeTaskHeader("purpose", "transactional"))
        .endEvent().done();
    camunda.newDeployResourceCommand().addProcessModel(model, PROCESS + ".bpmn").send().join();
  }

  private static ConfigurableApplicationContext startApp(Path dir, String providerUrl, List<String> extra) {
    return BenchSupport.startApp(dir, List.of(
        "--journeys.sms.base-url=" + providerUrl,
        "--journeys.sms.account-sid=" + ACCOUNT,
        "--journeys.sms.auth-token=" + TOKEN,
        "--journeys.sms.from=+15005550006",
        "--journeys.sms.webhook-base-url=" + SIGNED_BASE,
        "--journeys.notify.quiet-hours.sms.enabled=false"), extra);
  }

  /** German mobile numbers 0151 1xxxxxxx, one per customer. */
  private static String phone(int i) {
    return "0151 " + (10_000_000 + i);
  }

  private static String e164(int i) {
    return "+49151" + (10_000_000 + i);
  }

  private static double pct(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).filter(p -> p.length == 2)
        .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> a));
  }

  private static final class LoggerFactoryHolder {
    static org.slf4j.Logger root() {
      return org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
  }
}
