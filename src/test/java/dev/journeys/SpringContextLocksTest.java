package dev.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;
import org.springframework.test.context.TestPropertySource;

/** Which test classes may run beside each other: only those whose Spring contexts differ. */
class SpringContextLocksTest {

  @JourneysAppTest
  static class Plain {}

  @JourneysAppTest
  static class AlsoPlain {}

  @JourneysAppTest
  @TestPropertySource(properties = "journeys.notify.retry-backoff=2s")
  static class OtherSettings {}

  @JourneysAppTest
  abstract static class Base {}

  static class FirstOfBase extends Base {}

  @TestPropertySource(properties = "journeys.notify.retry-backoff=3s")
  static class SecondOfBase extends Base {}

  @Test
  void classesSharingACachedContextShareItsLock() {
    assertThat(SpringContextLocks.locks(Plain.class)).isEqualTo(SpringContextLocks.locks(AlsoPlain.class));
    assertThat(SpringContextLocks.locks(Plain.class)).hasSize(1);
  }

  @Test
  void classesWithContextsOfTheirOwnDoNotWaitForEachOther() {
    assertThat(SpringContextLocks.locks(Plain.class)).doesNotContainAnyElementsOf(SpringContextLocks.locks(OtherSettings.class));
  }

  @Test
  void subclassesOfOneBaseShareItsStaticFixturesLockWhateverTheirContexts() {
    Set<Lock> first = SpringContextLocks.locks(FirstOfBase.class);
    Set<Lock> second = SpringContextLocks.locks(SecondOfBase.class);

    assertThat(first).contains(new Lock("test-base:" + Base.class.getName()));
    assertThat(second).contains(new Lock("test-base:" + Base.class.getName()));
    // Their contexts differ, so that lock is the only one they share.
    assertThat(first).filteredOn(lock -> second.contains(lock)).hasSize(1);
  }
}
