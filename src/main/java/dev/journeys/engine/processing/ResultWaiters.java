package dev.journeys.engine.processing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Callers of CreateProcessInstanceWithResult waiting for their process instance to complete. */
public final class ResultWaiters {

  /** A waiting caller: the variables it wants and where to put the result document. */
  public record Waiter(List<String> fetchVariables, CompletableFuture<String> result) {}

  private final Map<Long, Waiter> waiters = new ConcurrentHashMap<>();

  public void await(long processInstanceKey, Waiter waiter) {
    waiters.put(processInstanceKey, waiter);
  }

  public void forget(long processInstanceKey) {
    waiters.remove(processInstanceKey);
  }

  public Waiter take(long processInstanceKey) {
    return waiters.remove(processInstanceKey);
  }
}
