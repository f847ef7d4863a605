package dev.journeys.bench;

import dev.journeys.JourneysApplication;
import dev.journeys.simulate.Scenario;
import dev.journeys.simulate.ScenarioReader;
import dev.journeys.simulate.Simulator;
import dev.journeys.simulate.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a simulation takes, in one JVM: each run starts the simulation's application (in-memory
 * H2, embedded engine, workers; no web server), simulates the scenario, and closes it, as
 * `java -jar journeys.jar simulate` does. Reported per run: the simulation alone (clock moves and
 * the app's reactions, the application already up) and the whole call including the application's
 * start-up and shut-down, and the CPU time the whole JVM used during the call (all threads: a figure
 * less at the mercy of a shared machine than wall-clock time). The first run is cold (class loading,
 * JIT); later ones are warm.
 *
 * <p>Usage: SimulationBenchmark [--runs=N] [--bpmn=bpmn/post-purchase.bpmn] scenario.yaml...
 */
public final class SimulationBenchmark {

  public static void main(String[] args) throws Exception {
    int runs = 5;
    Path bpmn = Path.of("bpmn/post-purchase.bpmn");
    List<Path> scenarios = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--runs=")) {
        runs = Integer.parseInt(arg.substring(7));
      } else if (arg.startsWith("--bpmn=")) {
        bpmn = Path.of(arg.substring(7));
      } else {
        scenarios.add(Path.of(arg));
      }
    }
    if (scenarios.isEmpty()) {
      scenarios.add(Path.of("examples/scenarios/happy-path.yaml"));
    }
    Simulator.Journey journey = new Simulator.Journey(bpmn.getFileName().toString(), Files.readAllBytes(bpmn));
    System.out.printf("lazy-init=%s, %d run(s) per scenario, %d processor(s), load average %.2f%n",
        System.getProperty("journeys.simulate.lazy-init", "true"), runs,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("%-28s %4s %14s %16s %13s %10s %9s%n", "scenario", "run", "simulation ms",
        "with start-up ms", "process CPU ms", "sim. days", "messages");
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (Path file : scenarios) {
      Scenario scenario = ScenarioReader.read(Files.readString(file));
      for (int run = 1; run <= runs; run++) {
        long began = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        Timeline timeline = Simulator.run(JourneysApplication.class, scenario, journey, Simulator.Progress.NONE);
        long total = (System.nanoTime() - began) / 1_000_000;
        long cpuMillis = (os.getProcessCpuTime() - cpu) / 1_000_000;
        System.out.printf("%-28s %4d %14d %16d %13d %10d %9d%n", file.getFileName(), run, timeline.elapsedMillis(),
            total, cpuMillis, timeline.simulatedDays(), timeline.entries().stream()
                .filter(e -> e.what() == Timeline.What.MESSAGE).count());
      }
    }
  }
}
