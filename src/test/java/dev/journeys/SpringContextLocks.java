package dev.journeys;

import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Test classes that run the app in the test JVM take a lock named after the Spring application
 * context they use (its merged configuration, the key of Spring's context cache): classes sharing a
 * cached context run one after another, so none sees another's traffic, while classes with
 * contexts of their own run beside them. Subclasses of an abstract test base also take a lock named
 * after the base, since a base's static fixtures (a WireMock server, say) are shared by all of them
 * whatever their contexts.
 */
public final class SpringContextLocks implements ResourceLocksProvider {

  @Override
  public Set<Lock> provideForClass(Class<?> testClass) {
    return locks(testClass);
  }

  @Override
  public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
    return locks(testClass);
  }

  static Set<Lock> locks(Class<?> testClass) {
    Set<Lock> locks = new LinkedHashSet<>();
    locks.add(new Lock("spring-context:" + contextKey(testClass)));
    for (Class<?> type = testClass.getSuperclass(); type != null && type != Object.class; type = type.getSuperclass()) {
      if (Modifier.isAbstract(type.getModifiers())) {
        locks.add(new Lock("test-base:" + type.getName()));
      }
    }
    return locks;
  }

  /** Equal for classes Spring would give the same cached context; classes it cannot tell share one key. */
  static String contextKey(Class<?> testClass) {
    try {
      MergedContextConfiguration config =
          BootstrapUtils.resolveTestContextBootstrapper(testClass).buildMergedContextConfiguration();
      return Integer.toHexString(config.hashCode());
    } catch (RuntimeException | LinkageError unknown) {
      return "unknown";
    }
  }
}
