package dev.journeys.simulate;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code java -jar journeys.jar simulate <journey.bpmn> <scenario.yaml> [--json out.json] [--html
 * out.html]}: runs the journey against the scenario (see {@link Simulator}) and prints the
 * customer's timeline. The scenario is read and checked before anything starts.
 */
public final class SimulateCommand {

  public static final String NAME = "simulate";
  static final String USAGE =
      "Usage: simulate <journey.bpmn> <scenario.yaml> [--json out.json] [--html out.html] [--quiet]";

  private SimulateCommand() {}

  /**
   * Returns the exit code: 0 done, 1 the simulation failed, 2 bad arguments or scenario.
   *
   * @param application the {@code @SpringBootApplication} class each simulation starts
   */
  public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
    String bpmn = null;
    String scenarioFile = null;
    String json = null;
    String html = null;
    boolean quiet = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = i + 1 < args.length ? args[++i] : null;
        case "--html" -> html = i + 1 < args.length ? args[++i] : null;
        case "--quiet" -> quiet = true;
        default -> {
          if (bpmn == null) {
            bpmn = args[i];
          } else if (scenarioFile == null) {
            scenarioFile = args[i];
          } else {
            err.println("Unexpected argument: " + args[i] + "\n" + USAGE);
            return 2;
          }
        }
      }
    }
    if (bpmn == null || scenarioFile == null || (json == null && contains(args, "--json"))
        || (html == null && contains(args, "--html"))) {
      err.println(USAGE);
      return 2;
    }
    Scenario scenario;
    byte[] journey;
    try {
      journey = Files.readAllBytes(Path.of(bpmn));
      scenario = ScenarioReader.read(Files.readString(Path.of(scenarioFile), StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("Could not read " + e.getMessage());
      return 2;
    } catch (ScenarioException e) {
      err.println(scenarioFile + ": " + e.getMessage());
      return 2;
    }
    Timeline timeline;
    long began = System.nanoTime();
    Simulator.Progress progress = terminal() && !quiet ? new ProgressBar(err) : Simulator.Progress.NONE;
    try {
      timeline = Simulator.run(application, scenario, new Simulator.Journey(Path.of(bpmn).getFileName().toString(), journey), progress);
    } catch (ScenarioException e) {
      err.println(scenarioFile + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    } catch (Simulator.TooLong e) {
      progress.done(); // the message on a line of its own, not after the progress bar
      err.println(e.getMessage());
      return 1;
    }
    out.print(TimelineTable.format(timeline));
    out.println("Total with start-up and shut-down of the simulation's application: "
        + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms");
    try {
      if (json != null) {
        Files.writeString(Path.of(json), toJson(timeline), StandardCharsets.UTF_8);
        out.println("JSON: " + json);
      }
      if (html != null) {
        Files.writeString(Path.of(html), HtmlReport.render(timeline), StandardCharsets.UTF_8);
        out.println("HTML report: " + html);
      }
    } catch (IOException e) {
      err.println("Could not write " + e.getMessage());
      return 1;
    }
    return 0;
  }

  static String toJson(Timeline timeline) {
    try {
      // Spring Boot's defaults, as the app's own mapper has them (the CLI starts no context for this):
      // the builder's, and dates as ISO-8601 text rather than numbers.
      return Jackson2ObjectMapperBuilder.json()
          .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .featuresToEnable(SerializationFeature.INDENT_OUTPUT)
          .build()
          .writeValueAsString(timeline);
    } catch (IOException e) {
      throw new IllegalStateException("Could not write the timeline as JSON", e);
    }
  }

  /** Java 22+ has a Console even when redirected and says so with isTerminal(); Java 21 has none then. */
  private static boolean terminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  private static boolean contains(String[] args, String flag) {
    return java.util.Arrays.asList(args).contains(flag);
  }

  /** A one-line bar on stderr, redrawn as the simulated clock moves. */
  static final class ProgressBar implements Simulator.Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;

    ProgressBar(PrintStream err) {
      this.err = err;
    }

    @Override
    public void at(Instant start, Instant now, Instant horizon) {
      double share = Math.min(1.0, (double) Duration.between(start, now).toMinutes()
          / Math.max(1, Duration.between(start, horizon).toMinutes()));
      int filled = (int) Math.round(share * WIDTH);
      err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] day "
          + Duration.between(start, now).toDays() + " of " + Duration.between(start, horizon).toDays());
      err.flush();
    }

    @Override
    public void done() {
      err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
      err.flush();
    }
  }
}
