package dev.journeys.engine.state;

import java.sql.Connection;

/** All engine state on the writer's connection, plus the key generator. */
public final class EngineState implements AutoCloseable {

  /** Zeebe encodes the partition in the upper bits of every key; we are partition 1. */
  private static final long PARTITION_BITS = 1L << 51;

  private final Sql sql;
  private final ElementInstanceStore elementInstances;
  private final VariableStore variables;
  private final JobStore jobs;
  private final IncidentStore incidents;
  private final ProcessStore processes;
  private final DecisionStore decisions;
  private final GatewayTokenStore gatewayTokens;
  private final MessageStore messages;
  private final SubscriptionStore subscriptions;
  private final SignalSubscriptionStore signalSubscriptions;
  private final TimerStore timers;
  private final HistoryStore history;
  private final FunnelStore funnel;
  private final MultiInstanceStore multiInstances;
  private long nextKey;
  private long persistedNextKey;

  public EngineState(Connection connection) {
    this.sql = new Sql(connection);
    this.variables = new VariableStore(sql, this::nextKey);
    this.elementInstances = new ElementInstanceStore(sql, variables::newScope);
    this.jobs = new JobStore(sql);
    this.incidents = new IncidentStore(sql);
    this.processes = new ProcessStore(sql);
    this.decisions = new DecisionStore(sql);
    this.gatewayTokens = new GatewayTokenStore(sql);
    this.messages = new MessageStore(sql);
    this.subscriptions = new SubscriptionStore(sql);
    this.signalSubscriptions = new SignalSubscriptionStore(sql);
    this.timers = new TimerStore(sql);
    this.history = new HistoryStore(sql);
    this.funnel = new FunnelStore(sql);
    this.multiInstances = new MultiInstanceStore(sql);
    this.nextKey = sql.queryLong("SELECT meta_value FROM engine_meta WHERE meta_name = 'next_key'");
    this.persistedNextKey = nextKey;
  }

  public long nextKey() {
    return PARTITION_BITS + nextKey++;
  }

  /** Writes what the batch kept in memory (funnel counts, the key counter); called just before commit. */
  public void beforeCommit() {
    funnel.flush();
    flushKeys();
    sql.flush();
  }

  /** Sends the writes a command deferred (see {@link Sql#write}); called at the end of each command. */
  public void commandDone() {
    sql.flush();
  }

  /** Where a command starts: {@link #rolledBack(int)} returns to it if the command is rolled back. */
  public int mark() {
    return funnel.mark();
  }

  /**
   * The command that started at {@code mark} was rolled back to its savepoint: its funnel counts
   * are dropped and the stores forget what they remembered, which may include its writes.
   */
  public void rolledBack(int mark) {
    sql.discardDeferred();
    funnel.rollBackTo(mark);
    elementInstances.forget();
    variables.forget();
    processes.forget();
  }

  /** Persists the key counter; called once per batch, just before commit. */
  private void flushKeys() {
    if (nextKey != persistedNextKey) {
      sql.update("UPDATE engine_meta SET meta_value = ? WHERE meta_name = 'next_key'", nextKey);
      persistedNextKey = nextKey;
    }
  }

  /** After a rollback the counter must not go back: keys handed out may be in flight. */
  public void keysRolledBack() {
    persistedNextKey = -1;
  }

  public Sql sql() {
    return sql;
  }

  public ElementInstanceStore elementInstances() {
    return elementInstances;
  }

  public VariableStore variables() {
    return variables;
  }

  public JobStore jobs() {
    return jobs;
  }

  public IncidentStore incidents() {
    return incidents;
  }

  public ProcessStore processes() {
    return processes;
  }

  public DecisionStore decisions() {
    return decisions;
  }

  public GatewayTokenStore gatewayTokens() {
    return gatewayTokens;
  }

  public MessageStore messages() {
    return messages;
  }

  public SubscriptionStore subscriptions() {
    return subscriptions;
  }

  public SignalSubscriptionStore signalSubscriptions() {
    return signalSubscriptions;
  }

  public TimerStore timers() {
    return timers;
  }

  public HistoryStore history() {
    return history;
  }

  public FunnelStore funnel() {
    return funnel;
  }

  public MultiInstanceStore multiInstances() {
    return multiInstances;
  }

  @Override
  public void close() {
    sql.close();
  }
}
