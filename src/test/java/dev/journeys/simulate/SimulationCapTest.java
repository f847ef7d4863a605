package dev.journeys.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A simulation has a wall-clock cap (journeys.simulate.max-duration): past it the simulation stops
 * with an error naming the scenario and the limit, and its application (engine, workers) is closed.
 * A cap of 1 ms is passed before the order is even placed, so the outcome does not depend on the
 * speed of the machine.
 */
class SimulationCapTest {

  @Test
  void aSimulationPastItsCapFailsNamingScenarioAndLimitAndLeavesNothingRunning() throws Exception {
    Scenario scenario = ScenarioReader.read(Files.readString(Path.of("examples/scenarios/happy-path.yaml")));
    // Run in a thread group of its own: every thread the simulation's application starts joins it,
    // while the other applications cached in this JVM may start threads of the same names meanwhile.
    ThreadGroup simulation = new ThreadGroup("simulation-under-test");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread runner = new Thread(simulation, () -> thrown.set(catchThrowable(() -> Simulator.run(JourneysApplication.class,
        scenario, null, java.util.Map.of(), Simulator.Progress.NONE, false, Duration.ofMillis(1)))), "simulation-runner");
    runner.start();
    runner.join();

    assertThat(thrown.get())
        .isInstanceOf(Simulator.TooLong.class)
        .hasMessageStartingWith("Expected scenario '" + scenario.name() + "' to be simulated within 1ms "
            + "(journeys.simulate.max-duration), but it was still running after ")
        .hasMessageEndingWith("; the simulation was stopped");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(thread -> thread.isAlive() && thread.getThreadGroup() == simulation)
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("journeys-engine-") || name.startsWith("job-handler-") || name.equals("inbox-poller")));
  }

  /** The CLI reads the cap from the configuration of the simulation's application, and exits 1. */
  @Test
  void theCommandLineTakesTheCapFromTheConfigurationAndExitsOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setProperty("journeys.simulate.max-duration", "1ms");
    int exit;
    try {
      exit = SimulateCommand.run(JourneysApplication.class, new String[] {"bpmn/post-purchase.bpmn",
          "examples/scenarios/happy-path.yaml", "--quiet"}, new PrintStream(out), new PrintStream(err));
    } finally {
      System.clearProperty("journeys.simulate.max-duration");
    }

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("Expected scenario 'Happy path, rated 5' to be simulated within 1ms");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void theHttpApiAnswersUnprocessableNamingScenarioAndLimit() {
    var answer = new SimulationController(null, null).tooLong(new Simulator.TooLong("Expected scenario 'x' to be ..."));

    assertThat(answer.getStatusCode().value()).isEqualTo(422);
    assertThat(answer.getBody().error()).isEqualTo("Expected scenario 'x' to be ...");
  }

  @Test
  void theCapIsPositive() {
    assertThatThrownBy(() -> new SimulateProperties(Duration.ZERO))
        .hasMessage("Expected journeys.simulate.max-duration to be positive, but it is PT0S");
  }
}
