package dev.journeys.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How long a child app of the reliability tests takes to start, and the CPU it spends until its
 * health answers UP, started exactly as {@link AppProcess} starts them (bench/app-start.sh;
 * docs/BENCHMARKS.md). {@code -Djourneys.test.cds.off=true} starts them without the class-data-sharing
 * archive ({@link AppClassSharing}), for comparison.
 */
final class AppStartBenchmark {

  private AppStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int starts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    boolean sharing = !Boolean.getBoolean("journeys.test.cds.off");
    for (int i = 1; i <= starts; i++) {
      Path data = Files.createTempDirectory("app-start");
      long begun = System.nanoTime();
      try (AppProcess app = AppProcess.start(data, "app-start-" + i, Map.of())) {
        System.out.printf("start %d (class data sharing %s): UP after %.1f s, %.2f s CPU%n",
            i, sharing ? "on" : "off", (System.nanoTime() - begun) / 1e9, app.cpu().toMillis() / 1000.0);
      }
    }
    System.out.printf("load average at the end: %.2f%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
