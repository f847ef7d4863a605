package dev.journeys.journey.lint;

import io.camunda.client.annotation.JobWorker;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The job types some {@code @JobWorker} method handles. At start-up they come from the beans of the
 * running context (so a worker switched off by a condition does not count); the lint command runs
 * without a context and scans the application's components on the classpath instead.
 */
public final class JobWorkerTypes {

  private static final String BASE_PACKAGE = "dev.journeys";

  private JobWorkerTypes() {}

  public static Set<String> of(ListableBeanFactory beans) {
    return typesOf(
        Arrays.stream(beans.getBeanDefinitionNames())
            // false: never initialise a FactoryBean just to learn its type.
            .map(name -> beans.getType(name, false))
            .filter(Objects::nonNull)
            .map(ClassUtils::getUserClass));
  }

  static Set<String> onClasspath() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    return typesOf(
        scanner.findCandidateComponents(BASE_PACKAGE).stream()
            .map(definition -> load(definition.getBeanClassName())));
  }

  private static Set<String> typesOf(Stream<Class<?>> classes) {
    Set<String> types = new TreeSet<>();
    classes.forEach(
        type -> {
          for (var method : type.getDeclaredMethods()) {
            var worker = AnnotatedElementUtils.findMergedAnnotation(method, JobWorker.class);
            if (worker != null) {
              // An empty type means the method's name, as the Camunda starter does without a
              // configured default type.
              types.add(worker.type().isEmpty() ? method.getName() : worker.type());
            }
          }
        });
    return types;
  }

  private static Class<?> load(String className) {
    try {
      return ClassUtils.forName(className, JobWorkerTypes.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Could not load component " + className, e);
    }
  }
}
