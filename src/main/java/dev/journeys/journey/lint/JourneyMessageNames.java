package dev.journeys.journey.lint;

import dev.journeys.journey.JourneyMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the messages the ingestion publishes. They are read from JourneyMessage's factories
 * (called with placeholder arguments) rather than listed again here: a message added there is
 * known to lint at once, and lint cannot accept a name no factory produces.
 */
public final class JourneyMessageNames {

  private JourneyMessageNames() {}

  public static Set<String> all() {
    Set<String> names = new TreeSet<>();
    Arrays.stream(JourneyMessage.class.getDeclaredMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()))
        .filter(m -> m.getReturnType() == JourneyMessage.class)
        .forEach(m -> names.add(invoke(m).name()));
    return names;
  }

  private static JourneyMessage invoke(Method factory) {
    Object[] args =
        Arrays.stream(factory.getParameterTypes()).map(JourneyMessageNames::placeholder).toArray();
    try {
      return (JourneyMessage) factory.invoke(null, args);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Could not read the message name of " + factory, e);
    }
  }

  private static Object placeholder(Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return 1;
    }
    if (type == Instant.class) {
      return Instant.EPOCH;
    }
    return "x";
  }
}
