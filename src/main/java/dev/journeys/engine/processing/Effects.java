package dev.journeys.engine.processing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a command wants done once its transaction has committed, and not before. */
public final class Effects {

  private final Set<String> jobTypesAvailable = new LinkedHashSet<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private long earliestDue = Long.MAX_VALUE;

  public void jobAvailable(String type) {
    jobTypesAvailable.add(type);
  }

  public void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  /** Something now waits on the clock until {@code dueAt} (a job deadline, a backoff): the writer wakes by then. */
  public void dueAt(long dueAt) {
    earliestDue = Math.min(earliestDue, dueAt);
  }

  public Set<String> jobTypesAvailable() {
    return jobTypesAvailable;
  }

  public List<Runnable> afterCommitActions() {
    return afterCommit;
  }

  public long earliestDue() {
    return earliestDue;
  }

  void addAll(Effects other) {
    jobTypesAvailable.addAll(other.jobTypesAvailable);
    afterCommit.addAll(other.afterCommit);
    earliestDue = Math.min(earliestDue, other.earliestDue);
  }

  void clear() {
    jobTypesAvailable.clear();
    afterCommit.clear();
    earliestDue = Long.MAX_VALUE;
  }
}
