package dev.journeys.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.journeys.MigratedDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** Units of work from many threads commit together, each with its own result or failure. */
class TransactionBatcherTest {

  private MigratedDatabase database;
  private JdbcClient jdbc;
  private CountingTransactions transactions;
  private TransactionBatcher batcher;
  private final ExecutorService callers = Executors.newFixedThreadPool(24);

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    jdbc = JdbcClient.create(database.dataSource());
    jdbc.sql("CREATE TABLE batch_test (id INT PRIMARY KEY)").update();
    transactions = new CountingTransactions(database.dataSource());
    batcher = new TransactionBatcher("test-writer", transactions);
    batcher.start();
  }

  @AfterEach
  void close() throws InterruptedException {
    callers.shutdownNow();
    callers.awaitTermination(10, TimeUnit.SECONDS);
    if (batcher != null) {
      batcher.stop();
    }
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void unitsQueuedTogetherShareOneCommitAndEachGetsItsOwnResult(String kind) throws Exception {
    open(kind);
    CountDownLatch queued = new CountDownLatch(1);
    CompletableFuture<Integer> first = holdingTheWriter(queued, 0);
    List<CompletableFuture<Integer>> others = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      int id = i;
      others.add(call(() -> insert(id)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> queuedUnits() == 20);
    queued.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
    for (int i = 0; i < others.size(); i++) {
      assertThat(others.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1);
    }
    assertThat(rows()).isEqualTo(21);
    assertThat(transactions.committed.get()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aFailingUnitIsRolledBackAloneAndItsCallerGetsItsException(String kind) throws Exception {
    open(kind);
    CountDownLatch queued = new CountDownLatch(1);
    CompletableFuture<Integer> first = holdingTheWriter(queued, 1);
    CompletableFuture<Integer> duplicate = call(() -> {
      insert(2);
      return insert(1); // a primary key violation: on PostgreSQL the transaction is aborted until rolled back
    });
    CompletableFuture<Integer> after = call(() -> insert(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> queuedUnits() == 2);
    queued.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(3);
    assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    assertThat(jdbc.sql("SELECT id FROM batch_test ORDER BY id").query(Integer.class).list())
        .containsExactly(1, 3);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aFailedCommitFailsEveryUnitOfItsBatch(String kind) throws Exception {
    open(kind);
    transactions.failNextCommit = true;

    assertThatThrownBy(() -> batcher.execute(() -> insert(1)))
        .isInstanceOf(org.springframework.transaction.TransactionSystemException.class);
    assertThat(rows()).isZero();
    assertThat(batcher.execute(() -> insert(2))).isEqualTo(2);
    assertThat(rows()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void afterStopAUnitRunsInATransactionOfItsOwn(String kind) {
    open(kind);
    batcher.stop();

    assertThat(batcher.execute(() -> insert(7))).isEqualTo(7);
    assertThatThrownBy(() -> batcher.execute(() -> {
      insert(8);
      throw new IllegalStateException("rolled back");
    })).hasMessage("rolled back");
    assertThat(jdbc.sql("SELECT id FROM batch_test").query(Integer.class).list()).containsExactly(7);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void insideACallersTransactionAUnitIsPartOfIt(String kind) {
    open(kind);
    org.springframework.transaction.support.TransactionTemplate caller =
        new org.springframework.transaction.support.TransactionTemplate(transactions);

    assertThatThrownBy(() -> caller.executeWithoutResult(status -> {
      batcher.execute(() -> insert(1));
      throw new IllegalStateException("the caller fails after the unit");
    })).hasMessage("the caller fails after the unit");
    caller.executeWithoutResult(status -> batcher.execute(() -> insert(2)));

    assertThat(jdbc.sql("SELECT id FROM batch_test").query(Integer.class).list()).containsExactly(2);
    assertThat(transactions.begun.get()).isEqualTo(2); // the callers' own: none on the writer
  }

  /**
   * A first unit that inserts {@code id} once {@code released}, holding the writer meanwhile: the
   * units queued until then form the next batch.
   */
  private CompletableFuture<Integer> holdingTheWriter(CountDownLatch released, int id) {
    CompletableFuture<Integer> first = call(() -> {
      hold(released);
      return insert(id);
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> transactions.begun.get() == 1);
    return first;
  }

  private int insert(int id) {
    jdbc.sql("INSERT INTO batch_test (id) VALUES (?)").param(id).update();
    return id;
  }

  private int rows() {
    return jdbc.sql("SELECT COUNT(*) FROM batch_test").query(Integer.class).single();
  }

  private <T> CompletableFuture<T> call(Supplier<T> work) {
    return CompletableFuture.supplyAsync(() -> batcher.execute(work), callers);
  }

  private int queuedUnits() {
    return batcher.queued();
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The real transaction manager, counting what it does; it can fail one commit. */
  private static final class CountingTransactions extends DataSourceTransactionManager {
    final AtomicInteger begun = new AtomicInteger();
    final AtomicInteger committed = new AtomicInteger();
    volatile boolean failNextCommit;

    CountingTransactions(DataSource dataSource) {
      super(dataSource);
      // A refused commit leaves nothing behind, as a database that refuses one would.
      setRollbackOnCommitFailure(true);
    }

    @Override
    protected void doBegin(Object transaction, org.springframework.transaction.TransactionDefinition definition) {
      super.doBegin(transaction, definition);
      begun.incrementAndGet();
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
      if (failNextCommit) {
        failNextCommit = false;
        throw new org.springframework.transaction.TransactionSystemException("commit refused by the test");
      }
      super.doCommit(status);
      committed.incrementAndGet();
    }
  }
}
