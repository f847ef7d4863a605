package dev.journeys.engine.spring;

import org.springframework.context.ApplicationContext;

/** Lets the purge benchmark run the embedded engine's history cleanup now, as its schedule would. */
public final class EngineHistoryPurge {

  private EngineHistoryPurge() {}

  /** {@link EngineHistoryCleanup#purge()} of the running app: the journeys whose history it removed. */
  public static int run(ApplicationContext app) {
    return app.getBean(EngineHistoryCleanup.class).purge();
  }
}
