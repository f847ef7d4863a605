package dev.journeys.engine.spring;

import dev.journeys.engine.processing.EngineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The embedded engine's meters, all of them: binds what the engine reports through
 * {@link EngineListener} to Micrometer. Part of the engine's edge: the engine itself knows only the
 * listener. The journey counters come from here because only the engine sees a journey end; on
 * Camunda 8 the cluster's own metrics take their place.
 */
public final class EngineMeters implements EngineListener {

  /** Timer: from submitting a command to the writer until its caller was answered; tag {@code outcome}. */
  public static final String COMMANDS = "journeys.engine.commands";
  /** Timer: how long a new job waited for its first activation by a worker; tag {@code type}. */
  public static final String JOB_ACTIVATION = "journeys.engine.job.activation";
  /** Counter: journeys (process instances) started; tag {@code journey}, the BPMN process id. */
  public static final String STARTED = "journeys.started";
  /** Counter: journeys that reached an end event. */
  public static final String COMPLETED = "journeys.completed";
  /** Counter: journeys terminated before their end (cancelled instances). */
  public static final String CANCELLED = "journeys.cancelled";
  /** Gauge: incidents waiting for an operator. */
  public static final String INCIDENTS_OPEN = "journeys.incidents.open";

  /** Every meter above with its type, for the README table and the Grafana dashboard test. */
  public static final Map<String, Meter.Type> CATALOGUE = Map.of(
      COMMANDS, Meter.Type.TIMER,
      JOB_ACTIVATION, Meter.Type.TIMER,
      STARTED, Meter.Type.COUNTER,
      COMPLETED, Meter.Type.COUNTER,
      CANCELLED, Meter.Type.COUNTER,
      INCIDENTS_OPEN, Meter.Type.GAUGE);

  private final MeterRegistry registry;
  private final Timer answered;
  private final Timer rejected;

  public EngineMeters(MeterRegistry registry) {
    this.registry = registry;
    this.answered = commandTimer("answered");
    this.rejected = commandTimer("rejected");
  }

  /** Registers the gauges that read the running engine. */
  public void bind(Supplier<Long> openIncidents) {
    Gauge.builder(INCIDENTS_OPEN, () -> openIncidents.get())
        .description("Incidents waiting for an operator (embedded engine)")
        .register(registry);
  }

  @Override
  public void commandAnswered(long nanos, boolean wasRejected) {
    (wasRejected ? rejected : answered).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void jobActivated(String type, long waitedMillis) {
    Timer.builder(JOB_ACTIVATION)
        .description("How long a new job waited for its first activation by a worker")
        .tag("type", type)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry)
        .record(Math.max(0, waitedMillis), TimeUnit.MILLISECONDS);
  }

  @Override
  public void processInstanceStarted(String bpmnProcessId) {
    journeyCounter(STARTED, bpmnProcessId, "Journeys started").increment();
  }

  @Override
  public void processInstanceCompleted(String bpmnProcessId) {
    journeyCounter(COMPLETED, bpmnProcessId, "Journeys that reached an end event").increment();
  }

  @Override
  public void processInstanceTerminated(String bpmnProcessId) {
    journeyCounter(CANCELLED, bpmnProcessId, "Journeys terminated before their end").increment();
  }

  private Counter journeyCounter(String name, String journey, String description) {
    return Counter.builder(name).description(description).tag("journey", journey).register(registry);
  }

  private Timer commandTimer(String outcome) {
    return Timer.builder(COMMANDS)
        .description("From submitting an engine command to answering its caller")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }
}
