package dev.journeys.journey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean as a channel a send-message task may name in its {@code channels} header, under
 * this key. The module that delivers messages puts it on each of its channels; the journey linter
 * reads it (from the running context's beans, or from the classpath when it runs without one), so
 * the list of channels is written once, beside each channel, and journey depends on no channel.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ChannelKey {

  /** The key, e.g. email or sms: lower-case, as BPMN headers and outbox rows write it. */
  String value();
}
