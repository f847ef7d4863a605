package dev.journeys.notify;

import dev.journeys.journey.SendSteps;
import dev.journeys.orders.Order;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Renders every SMS template at start-up with sample data, in every variant the journeys produce,
 * and refuses to start when one overruns journeys.sms.max-segments: a marketer's edit that makes a
 * text cost three segments should fail the deploy, not the ten-thousandth send. Push templates
 * ({@code .push.txt}) are checked the same way against journeys.push.max-title and max-body.
 */
@Component
class SmsTemplateCheck implements SmartInitializingSingleton {

  /** One fact set per branch the SMS templates switch on. */
  static final List<Map<String, Object>> VARIANTS = variants();

  private final SmsComposer composer;
  private final PushComposer push;
  private final String journeys;

  SmsTemplateCheck(SmsComposer composer) {
    this(composer, null, null);
  }

  /**
   * @param push checks push templates too; null skips them (tests of SMS alone)
   * @param journeys the BPMN the app deploys (journeys.deployment.resources): the templates its
   *     marketing steps send by SMS are checked with the preference centre link every marketing
   *     text carries; null checks no template as marketing
   */
  @org.springframework.beans.factory.annotation.Autowired
  SmsTemplateCheck(SmsComposer composer, PushComposer push,
      @org.springframework.beans.factory.annotation.Value(
          "${journeys.deployment.resources:classpath*:bpmn/*.bpmn}") String journeys) {
    this.composer = composer;
    this.push = push;
    this.journeys = journeys;
  }

  @Override
  public void afterSingletonsInstantiated() {
    check();
  }

  /** @throws IllegalStateException naming the first template and locale that is too long */
  void check() {
    Map<String, SendSteps.Step> marketing = new java.util.HashMap<>();
    if (journeys != null) {
      SendSteps.in(journeys).stream()
          .filter(step -> step.marketing() && step.channels().contains(Channel.SMS.key()))
          .forEach(step -> marketing.putIfAbsent(step.template(), step));
    }
    for (String file : templates()) {
      String template = file.substring(0, file.indexOf('/'));
      String locale = file.substring(file.indexOf('/') + 1, file.length() - MessageRenderer.SMS_SUFFIX.length());
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
    if (push != null) {
      checkPush();
    }
  }

  private void check(String file, MessageRequest request, String locale, String how) {
    try {
      composer.compose("check", "+10000000000", request, recipient(locale), order(locale));
    } catch (SendFailure failure) {
      throw new IllegalStateException("SMS template " + file + how + " failed validation with sample data "
          + request.facts() + ": " + failure.getMessage(), failure);
    }
  }

  private void checkPush() {
    for (String file : templates(MessageRenderer.PUSH_SUFFIX)) {
      String template = file.substring(0, file.indexOf('/'));
      String locale = file.substring(file.indexOf('/') + 1, file.length() - MessageRenderer.PUSH_SUFFIX.length());
      for (Map<String, Object> facts : VARIANTS) {
        try {
          push.compose("check", request(template, facts, Purpose.TRANSACTIONAL), recipient(locale), order(locale));
        } catch (SendFailure failure) {
          throw new IllegalStateException("Push template " + file + " failed validation with sample data "
              + facts + ": " + failure.getMessage(), failure);
        }
      }
    }
  }

  /** template/locale.sms.txt for every SMS template on the class path. */
  static TreeSet<String> templates() {
    return templates(MessageRenderer.SMS_SUFFIX);
  }

  static TreeSet<String> templates(String suffix) {
    TreeSet<String> files = new TreeSet<>();
    try {
      Resource[] found = new PathMatchingResourcePatternResolver()
          .getResources("classpath*:" + MessageRenderer.PREFIX + "*/*" + suffix);
      for (Resource resource : found) {
        String[] path = resource.getURL().getPath().split("/");
        files.add(path[path.length - 2] + "/" + path[path.length - 1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static List<Map<String, Object>> variants() {
    List<Map<String, Object>> variants = new ArrayList<>();
    for (String status : List.of("SHIPPED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "READY_FOR_PICKUP", "DELIVERED", "OTHER")) {
      variants.add(facts(status, "OTHER", "OTHER"));
    }
    for (String reason : List.of("SHIP_BY_PASSED", "DELIVER_BY_PASSED", "OTHER")) {
      variants.add(facts("SHIPPED", reason, "OTHER"));
    }
    for (String issue : List.of("FAILED_ATTEMPT", "EXCEPTION", "DELAY")) {
      variants.add(facts("SHIPPED", "CARRIER", issue));
    }
    return List.copyOf(variants);
  }

  private static Map<String, Object> facts(String shipmentStatus, String delayReason, String carrierIssue) {
    return Map.of("shipmentStatus", shipmentStatus, "delayReason", delayReason, "carrierIssue", carrierIssue,
        "rating", 3);
  }

  private static MessageRequest request(String template, Map<String, Object> facts, Purpose purpose) {
    return new MessageRequest("#1000012345", "c-sample", template, List.of(Channel.SMS), purpose, facts);
  }

  private static Recipient recipient(String locale) {
    return new Recipient("c-sample", null, "Maximilian Alexander Fitzgerald", locale, true, false,
        "+10000000000", "US", null, true);
  }

  private static Order order(String locale) {
    return new Order("#1000012345", new Order.Customer(null, "Maximilian Alexander Fitzgerald"),
        List.of(new Order.Item("SKU-0001", "Sample product with a long name", 2, new BigDecimal("1234.50"))),
        new BigDecimal("2469.00"), "USD", locale, LocalDate.of(2030, 12, 24), null,
        Instant.parse("2030-12-01T10:00:00Z"));
  }
}
