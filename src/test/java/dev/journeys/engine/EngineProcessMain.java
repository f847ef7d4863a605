package dev.journeys.engine;

import dev.journeys.engine.clock.EngineClock;
import java.time.Duration;

/**
 * Runs an embedded engine in a JVM of its own on an H2 file, so a test can kill it with SIGKILL.
 * Prints {@code READY <port>} once serving. Arguments: the H2 file path.
 */
public final class EngineProcessMain {

  private EngineProcessMain() {}

  public static void main(String[] args) throws InterruptedException {
    var dataSource = EngineHarness.h2("jdbc:h2:file:" + args[0] + ";WRITE_DELAY=0");
    EmbeddedEngine engine = EmbeddedEngine.start(
        new EngineSettings(dataSource, "127.0.0.1", 0, EngineClock.system(), 256, Duration.ofSeconds(10)));
    System.out.println("READY " + engine.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
