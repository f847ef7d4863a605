package dev.journeys;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Awaitility's defaults for the whole suite, set once when JUnit starts (registered in
 * META-INF/services). Out of the box every {@code await()} waits 100 ms before its first look,
 * even when what it waits for is already true, and then looks every 100 ms: a tenth of a second
 * or more on each of the suite's many awaits. Here the first look is immediate and the next ones
 * come every 50 ms. Only how soon a wait ends changes: every timeout (atMost) is as before.
 */
public class AwaitilityDefaults implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
  }
}
