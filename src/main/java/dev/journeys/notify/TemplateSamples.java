package dev.journeys.notify;

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
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Sample messages for checking templates at start-up: every branch the shipped templates switch on,
 * with long names and a large order, so a template that renders too long fails the start rather
 * than a send.
 */
public final class TemplateSamples {

  /** One fact set per branch the templates switch on. */
  public static final List<Map<String, Object>> VARIANTS = variants();

  private TemplateSamples() {}

  /** Every template/locale file with this suffix on the class path, e.g. shipping-update/en.sms.txt. */
  public static TreeSet<String> templates(String suffix) {
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

  public static MessageRequest request(String template, Map<String, Object> facts, Purpose purpose) {
    return new MessageRequest("#1000012345", "c-sample", template, List.of(Channel.EMAIL), purpose, facts);
  }

  public static Recipient recipient(String locale) {
    return new Recipient("c-sample", null, "Maximilian Alexander Fitzgerald", locale, true, false,
        "+10000000000", "US", null, true, false, null, null, false);
  }

  public static Order order(String locale) {
    return new Order("#1000012345", new Order.Customer(null, "Maximilian Alexander Fitzgerald"),
        List.of(new Order.Item("SKU-0001", "Sample product with a long name", 2, new BigDecimal("1234.50"))),
        new BigDecimal("2469.00"), "USD", locale, LocalDate.of(2030, 12, 24), null,
        Instant.parse("2030-12-01T10:00:00Z"));
  }
}
