package dev.journeys.journey.lint;

import dev.journeys.journey.ChannelKey;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The channels a send-message task may name: the keys of the beans annotated {@link ChannelKey}.
 * As for job types ({@link JobWorkerTypes}), at start-up they come from the running context; the
 * lint command runs without one and scans the application's classes on the classpath instead.
 */
public final class ChannelKeys {

  private static final String BASE_PACKAGE = "dev.journeys";

  private ChannelKeys() {}

  public static Set<String> of(ListableBeanFactory beans) {
    return keysOf(Arrays.stream(beans.getBeanDefinitionNames())
        .map(name -> beans.getType(name, false))
        .filter(Objects::nonNull)
        .map(ClassUtils::getUserClass));
  }

  /**
   * Every channel the application has, whether or not a setting switches it on: without a context
   * there are no settings to read, and the start-up lint of a deployment knows which are on.
   */
  static Set<String> onClasspath() {
    var filter = new AnnotationTypeFilter(ChannelKey.class);
    var scanner = new ClassPathScanningCandidateComponentProvider(false) {
      @Override
      protected boolean isCandidateComponent(MetadataReader reader) throws IOException {
        // The include filter alone: a channel's @ConditionalOnProperty is for its context, not for lint.
        return filter.match(reader, getMetadataReaderFactory());
      }
    };
    return keysOf(scanner.findCandidateComponents(BASE_PACKAGE).stream()
        .map(definition -> load(definition.getBeanClassName())));
  }

  private static Set<String> keysOf(Stream<Class<?>> classes) {
    Set<String> keys = new TreeSet<>();
    classes.map(type -> AnnotatedElementUtils.findMergedAnnotation(type, ChannelKey.class))
        .filter(Objects::nonNull)
        .forEach(key -> keys.add(key.value()));
    return keys;
  }

  private static Class<?> load(String className) {
    try {
      return ClassUtils.forName(className, ChannelKeys.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Could not load channel " + className, e);
    }
  }
}
