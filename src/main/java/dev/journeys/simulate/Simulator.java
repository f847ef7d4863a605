package dev.journeys.simulate;

import dev.journeys.customers.Customers;
import dev.journeys.engine.clock.ControlledClock;
import dev.journeys.engine.clock.EngineClock;
import dev.journeys.feedback.Ratings;
import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.MessageTemplates;
import dev.journeys.notify.SandboxedMessages;
import dev.journeys.orders.ShopApi;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.util.ClassUtils;

/**
 * Simulates a journey: scenario in, timeline out. Each simulation runs in an application of its own,
 * started for it and closed after: the whole of Journeys (real templates, consent, quiet hours, the
 * inbox, the workers) on an in-memory H2 database, with the embedded engine on a free loopback port
 * and its clock controlled, email and SMS to the sandboxes, no web server. Nothing reaches a
 * customer, and the application that asks (CLI or POST /api/simulations) is not touched.
 */
@Service
public class Simulator {

  /**
   * Beans are created when first used (default), so a simulation does not pay for the web layer,
   * the Shopify webhooks or the metrics it never touches; -Djourneys.simulate.lazy-init=false turns
   * that off (the benchmark compares both).
   */
  static final boolean LAZY = Boolean.parseBoolean(System.getProperty("journeys.simulate.lazy-init", "true"));

  /** Told how far the clock has moved; the CLI draws a progress bar from it. */
  public interface Progress {
    void at(Instant start, Instant now, Instant horizon);

    default void done() {}

    Progress NONE = (start, now, horizon) -> {};
  }

  /** A journey file to run instead of the packaged one with the same process id. */
  public record Journey(String fileName, byte[] bpmn) {}

  /** The simulation took longer than journeys.simulate.max-duration; its application was closed. */
  public static final class TooLong extends RuntimeException {
    TooLong(String message) {
      super(message);
    }
  }

  /** Another simulation of this application is running: each starts an app of its own. */
  public static final class Busy extends RuntimeException {
    Busy() {
      super("Another simulation is running; try again when it is done");
    }
  }

  private final java.util.concurrent.Semaphore oneAtATime = new java.util.concurrent.Semaphore(1);
  private final Class<?> application;
  private final Duration maxDuration;

  /**
   * A simulator inside a running application: each simulation starts that same application (its
   * {@code @SpringBootApplication} class) anew. Found in the context rather than named, so this module
   * does not depend on the application's root package, which depends on it for the CLI.
   */
  Simulator(ApplicationContext context, SimulateProperties properties) {
    this.maxDuration = properties.maxDuration();
    this.application = context.getBeansWithAnnotation(SpringBootApplication.class).values().stream()
        .map(ClassUtils::getUserClass).findFirst()
        .orElseThrow(() -> new IllegalStateException("Expected a @SpringBootApplication in the context, but found none"));
  }

  /**
   * Runs the scenario with the given journey deployed over the packaged ones (it becomes the latest
   * version of its process id); null runs the packaged journeys as they are.
   *
   * @throws ScenarioException when the order of the scenario is refused by the shop API
   * @throws IllegalArgumentException when the engine refuses the journey (the message says why)
   * @throws Busy when another simulation of this application is running (one at a time)
   * @throws TooLong when the simulation takes longer than journeys.simulate.max-duration
   */
  public Timeline simulate(Scenario scenario, Journey journey, Progress progress) {
    return simulate(scenario, journey, Map.of(), progress);
  }

  /**
   * As {@link #simulate(Scenario, Journey, Progress)}, rendering messages with these template texts
   * over the packaged files (paths as {@code MessageTemplates.studioTexts} names them: the studio's
   * published texts, and its drafts when a marketer simulates before publishing).
   */
  public Timeline simulate(Scenario scenario, Journey journey, Map<String, String> templates, Progress progress) {
    if (!oneAtATime.tryAcquire()) {
      throw new Busy();
    }
    try {
      // Inside a running application: its logging must stay as it is.
      return run(application, scenario, journey, templates, progress, false, maxDuration);
    } finally {
      oneAtATime.release();
    }
  }

  /**
   * For the CLI, which owns the JVM: the simulation starts {@code application} (the
   * {@code @SpringBootApplication} class) and quiets its logs. Its journeys.simulate.max-duration
   * is the one the simulation's application is configured with.
   *
   * @throws TooLong when the simulation takes longer than journeys.simulate.max-duration
   */
  public static Timeline run(Class<?> application, Scenario scenario, Journey journey, Progress progress) {
    return run(application, scenario, journey, Map.of(), progress, true, null);
  }

  /** @param maxDuration the cap on wall-clock time; null takes the simulation's application's setting */
  static Timeline run(Class<?> application, Scenario scenario, Journey journey, Map<String, String> templates,
      Progress progress, boolean ownsJvm, Duration maxDuration) {
    try (ConfigurableApplicationContext app = start(application, scenario.start(), ownsJvm)) {
      // Counted once the application runs: its start-up takes what it takes on the machine, whatever the scenario.
      Duration cap = maxDuration != null ? maxDuration : app.getBean(SimulateProperties.class).maxDuration();
      SimulationRun.Deadline deadline = new SimulationRun.Deadline(scenario.name(), System.nanoTime(), cap);
      if (!templates.isEmpty()) {
        app.getBean(MessageTemplates.class).install(templates, "simulation");
      }
      if (journey != null) {
        deploy(app.getBean(CamundaClient.class), journey);
      }
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      SimulationRun run = new SimulationRun(scenario, app.getBean(ShopApi.class), app.getBean(Ratings.class),
          app.getBean(Customers.class), app.getBean(SandboxedMessages.class), new EngineProbe(jdbc),
          (ControlledClock) app.getBean(EngineClock.class), progress, deadline);
      return run.run(journey == null ? "(packaged journeys)" : journey.fileName());
    } // closing the application stops its engine, workers and pollers: nothing of a stopped simulation runs on
  }

  /** The application for one simulation; the same that `java -jar journeys.jar` runs, re-configured. */
  static ConfigurableApplicationContext start(Class<?> application, Instant clockStart, boolean ownsJvm) {
    SpringApplication app = new SpringApplication(application);
    if (!ownsJvm) {
      // Logback is one per JVM: a second application's logging set-up (and its clean-up at close)
      // would reconfigure the running application's logs.
      app.setListeners(app.getListeners().stream()
          .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
    }
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    app.setRegisterShutdownHook(false);
    // Command-line arguments outrank application.yml and environment variables: a simulation never
    // reaches a configured SMTP server, SMS provider, helpdesk, database or cluster.
    List<String> args = new ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:h2:mem:simulation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "--spring.datasource.driver-class-name=org.h2.Driver",
        "--spring.datasource.username=sa",
        "--spring.datasource.password=",
        "--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration",
        "--journeys.engine.mode=embedded",
        "--journeys.engine.host=127.0.0.1",
        "--journeys.engine.port=0",
        "--journeys.engine.rest-port=0",
        "--journeys.engine.clock=controlled",
        "--journeys.engine.clock-start=" + clockStart,
        // its engine is on loopback, for its own client only: no TLS whatever the real one serves
        "--journeys.engine.tls.certificate=",
        "--journeys.engine.tls.private-key=",
        // The client must reach this engine, whatever camunda.client.* says for the real one.
        "--camunda.client.mode=self-managed",
        "--camunda.client.auth.method=none",
        "--camunda.client.grpc-address=http://${journeys.engine.host}:${journeys.engine.port}",
        "--camunda.client.rest-address=http://${journeys.engine.host}:${journeys.engine.rest-port}",
        "--camunda.client.prefer-rest-over-grpc=false",
        "--journeys.deployment.enabled=true",
        "--journeys.deployment.resources=classpath*:bpmn/*.bpmn",
        // Every channel to its sandbox, whatever servers and accounts are configured.
        "--" + ChannelSupport.SANDBOX_ONLY + "=true",
        "--journeys.feedback.helpdesk-url=",
        "--journeys.notify.held-poll-interval=1d",
        "--management.endpoints.enabled-by-default=false",
        "--spring.main.lazy-initialization=" + LAZY));
    if (ownsJvm) {
      args.add("--logging.level.root=ERROR");
    }
    return app.run(args.toArray(String[]::new));
  }

  private static void deploy(CamundaClient client, Journey journey) {
    try {
      client.newDeployResourceCommand().addResourceBytes(journey.bpmn(), journey.fileName()).send().join();
    } catch (ClientException e) {
      throw new IllegalArgumentException("The engine refused " + journey.fileName() + ": " + e.getMessage(), e);
    }
  }
}
