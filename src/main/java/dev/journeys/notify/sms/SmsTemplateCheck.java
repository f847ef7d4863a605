package dev.journeys.notify.sms;

import dev.journeys.journey.SendSteps;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Purpose;
import dev.journeys.notify.Recipient;
import dev.journeys.notify.TemplateSamples;
import dev.journeys.orders.Order;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Renders every SMS template at start-up with sample data, in every variant the journeys produce,
 * and refuses to start when one overruns journeys.sms.max-segments: a marketer's edit that makes a
 * text cost three segments should fail the deploy, not the ten-thousandth send.
 */
@Component
class SmsTemplateCheck implements SmartInitializingSingleton {

  private static final String CHANNEL = "sms";

  /** One fact set per branch the SMS templates switch on. */
  static final List<Map<String, Object>> VARIANTS = TemplateSamples.VARIANTS;

  private final SmsComposer composer;
  private final String journeys;

  SmsTemplateCheck(SmsComposer composer) {
    this(composer, null);
  }

  /**
   * @param journeys the BPMN the app deploys (journeys.deployment.resources): the templates its
   *     marketing steps send by SMS are checked with the preference centre link every marketing
   *     text carries; null checks no template as marketing
   */
  @org.springframework.beans.factory.annotation.Autowired
  SmsTemplateCheck(SmsComposer composer,
      @org.springframework.beans.factory.annotation.Value(
          "${journeys.deployment.resources:classpath*:bpmn/*.bpmn}") String journeys) {
    this.composer = composer;
    this.journeys = journeys;
  }

  @Override
  public void afterSingletonsInstantiated() {
    long begun = System.nanoTime();
    check();
    // a line for the start-up breakdown (bench/restart.sh, docs/BENCHMARKS.md)
    org.slf4j.LoggerFactory.getLogger(SmsTemplateCheck.class).info("Checked the SMS templates' lengths in {} ms",
        (System.nanoTime() - begun) / 1_000_000);
  }

  /** @throws IllegalStateException naming the first template and locale that is too long */
  void check() {
    Map<String, SendSteps.Step> marketing = new java.util.HashMap<>();
    if (journeys != null) {
      SendSteps.in(journeys).stream()
          .filter(step -> step.marketing() && step.channels().contains(CHANNEL))
          .forEach(step -> marketing.putIfAbsent(step.template(), step));
    }
    for (String file : templates()) {
      String template = file.substring(0, file.indexOf('/'));
      String locale = file.substring(file.indexOf('/') + 1, file.length() - SmsComposer.SUFFIX.length());
      SendSteps.Step marketingStep = marketing.get(template);
      for (Map<String, Object> facts : VARIANTS) {
        check(file, request(template, facts, Purpose.TRANSACTIONAL), locale, "");
        if (marketingStep != null) {
          check(file, request(template, facts, Purpose.MARKETING), locale,
              " as a marketing text with its preference centre link (sent by %s element %s)"
                  .formatted(marketingStep.file(), marketingStep.elementId()));
        }
      }
    }
  }

  private void check(String file, MessageRequest request, String locale, String how) {
    try {
      composer.compose("check", "+10000000000", request, recipient(locale), order(locale));
    } catch (RuntimeException failure) {
      throw new IllegalStateException("SMS template " + file + how + " failed validation with sample data "
          + request.facts() + ": " + failure.getMessage(), failure);
    }
  }

  /** template/locale.sms.txt for every SMS template on the class path. */
  static TreeSet<String> templates() {
    return templates(SmsComposer.SUFFIX);
  }

  static TreeSet<String> templates(String suffix) {
    return TemplateSamples.templates(suffix);
  }

  private static MessageRequest request(String template, Map<String, Object> facts, Purpose purpose) {
    return TemplateSamples.request(template, facts, purpose);
  }

  private static Recipient recipient(String locale) {
    return TemplateSamples.recipient(locale);
  }

  private static Order order(String locale) {
    return TemplateSamples.order(locale);
  }
}
