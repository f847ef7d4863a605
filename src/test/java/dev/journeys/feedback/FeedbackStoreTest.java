package dev.journeys.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The feedback table on H2 and, when configured, PostgreSQL. */
class FeedbackStoreTest {

  private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

  private MigratedDatabase database;
  private FeedbackStore store;

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    store = new FeedbackStore(database.jdbc());
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void theFirstRatingOfAnOrderCounts(String kind) {
    open(kind);

    assertThat(store.record("A-1", 2, NOW).rating()).isEqualTo(2);
    assertThat(store.record("A-1", 5, NOW.plusSeconds(60)).rating()).isEqualTo(2);
    assertThat(store.find("A-1").orElseThrow().receivedAt()).isEqualTo(NOW);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aChangeIsANewVersionAndKeepsTheCommentUnlessANewOneIsGiven(String kind) {
    open(kind);
    store.record("A-1", 4, "Nice mug", NOW);

    FeedbackStore.Feedback same = store.change("A-1", 4, null, NOW.plusSeconds(30));
    FeedbackStore.Feedback changed = store.change("A-1", 1, null, NOW.plusSeconds(60));
    FeedbackStore.Feedback commented = store.change("A-1", 1, "It broke", NOW.plusSeconds(90));

    assertThat(same.version()).isEqualTo(1);
    assertThat(same.changedAt()).isNull();
    assertThat(changed.rating()).isEqualTo(1);
    assertThat(changed.version()).isEqualTo(2);
    assertThat(changed.comment()).isEqualTo("Nice mug");
    assertThat(changed.changedAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(changed.receivedAt()).as("the change window counts from the first").isEqualTo(NOW);
    assertThat(commented.version()).isEqualTo(2);
    assertThat(commented.comment()).isEqualTo("It broke");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aChangedRatingIsOwedToTheJourneyUntilItsVersionIsPublished(String kind) {
    open(kind);
    store.record("A-1", 5, NOW);
    store.markPublished("A-1", 1, NOW);
    store.change("A-1", 2, null, NOW.plusSeconds(60));

    assertThat(store.unpublished(NOW.plusSeconds(61), 10)).extracting(FeedbackStore.Feedback::version)
        .containsExactly(2);
    store.markPublished("A-1", 1, NOW.plusSeconds(70));
    assertThat(store.unpublished(NOW.plusSeconds(71), 10)).as("an older version marks nothing").hasSize(1);
    store.markPublished("A-1", 2, NOW.plusSeconds(80));
    assertThat(store.unpublished(NOW.plusSeconds(81), 10)).isEmpty();
    assertThat(store.find("A-1").orElseThrow().published()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void theSummaryCountsOrdersAndAveragesTheirRatings(String kind) {
    open(kind);
    assertThat(store.summary()).isEqualTo(new FeedbackStore.Summary(0, null));

    store.record("A-1", 5, NOW);
    store.record("A-2", 4, NOW);
    store.record("A-3", 1, NOW);

    assertThat(store.summary()).isEqualTo(new FeedbackStore.Summary(3, 3.33));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void unpublishedRatingsWaitForTheRepublisherUntilMarked(String kind) {
    open(kind);
    store.record("A-1", 5, NOW);
    store.record("A-2", 4, NOW.plus(Duration.ofMinutes(5)));

    assertThat(store.unpublished(NOW.plusSeconds(1), 10)).extracting(FeedbackStore.Feedback::orderId)
        .containsExactly("A-1");
    store.markPublished("A-1", 1, NOW);
    assertThat(store.unpublished(NOW.plus(Duration.ofHours(1)), 10)).extracting(FeedbackStore.Feedback::orderId)
        .containsExactly("A-2");
  }
}
