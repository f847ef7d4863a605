package dev.journeys.simulate;

import dev.journeys.customers.MarketingChannel;
import dev.journeys.simulate.Scenario.Event;
import dev.journeys.simulate.Scenario.Kind;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a scenario from YAML (or JSON, which is YAML too) and checks it, so that every mistake is
 * reported with its line and field before anything runs. The format is in docs/SIMULATE.md.
 */
public final class ScenarioReader {

  static final Duration DEFAULT_HORIZON = Duration.ofDays(400);
  static final Instant DEFAULT_START = Instant.parse("2026-03-02T09:00:00Z");
  /** The consents a checkout gives, as the order API takes them (customer.marketingConsent). */
  private static final Set<String> CONSENTS = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of("email", "sms", "whatsapp")));
  private static final Pattern OFFSET = Pattern.compile("\\+((?:\\d+[wdhm])+)");
  private static final Pattern PART = Pattern.compile("(\\d+)([wdhm])");
  private static final Pattern EVENT = Pattern.compile("(\\S+)\\s+([a-z-]+)(?:\\s+(.+))?");

  private ScenarioReader() {}

  public static Scenario read(String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new ScenarioException("(syntax)", e.getProblemMark().getLine() + 1, e.getProblem());
    } catch (RuntimeException e) {
      throw new ScenarioException("(syntax)", 0, e.getMessage());
    }
    if (root == null) {
      throw new ScenarioException("(document)", 0, "expected a scenario, but the document is empty");
    }
    Fields top = Fields.of(root, "", Set.of("name", "start", "horizon", "customer", "order", "events"));
    Instant start = top.optional("start").map(n -> instant(n, "start")).orElse(DEFAULT_START);
    Duration horizon = top.optional("horizon").map(n -> duration(n, "horizon")).orElse(DEFAULT_HORIZON);
    Scenario.Customer customer = customer(top.required("customer"));
    Scenario.Order order = order(top.required("order"), start);
    List<Event> events = new ArrayList<>();
    top.optional("events").ifPresent(n -> {
      SequenceNode list = sequence(n, "events");
      for (int i = 0; i < list.getValue().size(); i++) {
        events.add(event(list.getValue().get(i), "events[" + i + "]", horizon));
      }
    });
    events.sort(Comparator.comparing(Event::offset)); // stable: same offset keeps file order
    String name = top.optional("name").map(n -> text(n, "name")).orElse(order.id());
    return new Scenario(name, start, horizon, customer, order, List.copyOf(events));
  }

  private static Scenario.Customer customer(Node node) {
    Fields f = Fields.of(node, "customer.",
        Set.of("id", "name", "email", "phone", "country", "locale", "timeZone", "consents"));
    Map<String, Boolean> given = new LinkedHashMap<>();
    if (f.has("consents")) {
      Fields consents = Fields.of(f.required("consents"), "customer.consents.", CONSENTS);
      for (String channel : CONSENTS) {
        consents.optional(channel).ifPresent(n -> given.put(channel, bool(n, "customer.consents." + channel)));
      }
    }
    ZoneId zone = f.optional("timeZone").map(n -> zone(n, "customer.timeZone")).orElse(ZoneId.of("UTC"));
    return new Scenario.Customer(f.text("id", null), f.text("name", "Alex Example"),
        f.text("email", "alex@example.com"), f.text("phone", null), f.text("country", null),
        f.text("locale", "en"), zone, Collections.unmodifiableMap(given));
  }

  private static Scenario.Order order(Node node, Instant start) {
    Fields f = Fields.of(node, "order.", Set.of("id", "currency", "total", "items", "promisedShipBy",
        "promisedDeliverBy", "estimatedDelivery"));
    List<Scenario.Item> items = new ArrayList<>();
    SequenceNode list = sequence(f.required("items"), "order.items");
    for (int i = 0; i < list.getValue().size(); i++) {
      String at = "order.items[" + i + "].";
      Fields item = Fields.of(list.getValue().get(i), at, Set.of("sku", "name", "quantity", "unitPrice"));
      items.add(new Scenario.Item(item.text("sku", "SKU-" + (i + 1)), text(item.required("name"), at + "name"),
          item.optional("quantity").map(n -> (int) number(n, at + "quantity").longValue()).orElse(1),
          number(item.required("unitPrice"), at + "unitPrice")));
    }
    BigDecimal total = f.optional("total").map(n -> number(n, "order.total")).orElseGet(() -> items.stream()
        .map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity()))).reduce(BigDecimal.ZERO, BigDecimal::add));
    return new Scenario.Order(f.text("id", "SIM-1"), f.text("currency", "EUR"), total, items,
        f.optional("promisedShipBy").map(n -> when(n, "order.promisedShipBy", start)).orElse(null),
        f.optional("promisedDeliverBy").map(n -> when(n, "order.promisedDeliverBy", start)).orElse(null),
        f.optional("estimatedDelivery").map(n -> date(n, "order.estimatedDelivery")).orElse(null));
  }

  private static Event event(Node node, String field, Duration horizon) {
    int line = line(node);
    String spec = text(node, field).trim();
    Matcher m = EVENT.matcher(spec);
    if (!m.matches()) {
      throw new ScenarioException(field, line, "expected '<offset> <event>' such as '+2d shipped', but got '" + spec + "'");
    }
    Duration offset = offset(m.group(1), field, line);
    if (offset.compareTo(horizon) > 0) {
      throw new ScenarioException(field, line, "is at " + m.group(1) + ", after the horizon (" + format(horizon) + ")");
    }
    Kind kind = kind(m.group(2), field, line);
    String argument = m.group(3) == null ? null : m.group(3).trim();
    switch (kind) {
      case RATING -> {
        if (argument == null || !argument.matches("[1-5]")) {
          throw new ScenarioException(field, line, "expected a rating from 1 to 5, as in '+6d rating 2', but got '" + spec + "'");
        }
      }
      case UNSUBSCRIBE -> {
        argument = argument == null ? "email" : argument.toLowerCase(Locale.ROOT);
        try {
          MarketingChannel.fromKey(argument);
        } catch (IllegalArgumentException notAChannel) {
          throw new ScenarioException(field, line, "expected 'unsubscribe' and a channel customers consent to "
              + "(email, sms, whatsapp, ...), but got '" + spec + "'");
        }
      }
      case CANCELLED -> { }
      default -> {
        if (argument != null) {
          throw new ScenarioException(field, line, "expected nothing after '" + kind.spelling() + "', but got '" + argument + "'");
        }
      }
    }
    return new Event(offset, kind, argument, line);
  }

  private static Kind kind(String word, String field, int line) {
    for (Kind kind : Kind.values()) {
      if (kind.spelling().equals(word)) {
        return kind;
      }
    }
    throw new ScenarioException(field, line, "expected an event, one of "
        + java.util.Arrays.stream(Kind.values()).map(Kind::spelling).toList() + ", but got '" + word + "'");
  }

  /** "+2d", "+1d12h", "+90m", "+2w" or an ISO-8601 duration (P2DT3H). */
  static Duration offset(String text, String field, int line) {
    Matcher m = OFFSET.matcher(text);
    if (m.matches()) {
      Duration total = Duration.ZERO;
      Matcher part = PART.matcher(m.group(1));
      while (part.find()) {
        long n = Long.parseLong(part.group(1));
        total = total.plus(switch (part.group(2)) {
          case "w" -> Duration.ofDays(7 * n);
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        });
      }
      return total;
    }
    try {
      Duration iso = Duration.parse(text);
      if (!iso.isNegative()) {
        return iso;
      }
    } catch (DateTimeParseException ignored) {
      // reported below
    }
    throw new ScenarioException(field, line,
        "expected an offset such as +2d, +3h, +1d12h, +90m or P2DT3H, but got '" + text + "'");
  }

  static String format(Duration duration) {
    long days = duration.toDays();
    Duration rest = duration.minusDays(days);
    return "+" + (days > 0 ? days + "d" : "") + (rest.toHours() > 0 ? rest.toHours() + "h" : "")
        + (rest.toMinutesPart() > 0 ? rest.toMinutesPart() + "m" : "") + (duration.isZero() ? "0m" : "");
  }

  private static Instant when(Node node, String field, Instant start) {
    String value = text(node, field);
    return value.startsWith("+") || value.startsWith("P") ? start.plus(offset(value, field, line(node))) : instant(node, field);
  }

  private static Instant instant(Node node, String field) {
    return parsed(node, field, Instant::parse, "an instant such as 2026-03-02T09:00:00Z");
  }

  /** The field's text parsed; a value the parser refuses names the field, its line and an example. */
  private static <T> T parsed(Node node, String field, java.util.function.Function<String, T> parser, String expected) {
    String value = text(node, field);
    try {
      return parser.apply(value);
    } catch (DateTimeException e) { // DateTimeParseException is one too
      throw new ScenarioException(field, line(node), "expected " + expected + ", but got '" + value + "'");
    }
  }

  private static Duration duration(Node node, String field) {
    String value = text(node, field);
    return offset(value.startsWith("+") || value.startsWith("P") ? value : "+" + value, field, line(node));
  }

  private static LocalDate date(Node node, String field) {
    return parsed(node, field, LocalDate::parse, "a date such as 2026-03-09");
  }

  private static ZoneId zone(Node node, String field) {
    return parsed(node, field, ZoneId::of, "a time zone such as Europe/Berlin or Asia/Shanghai");
  }

  private static boolean bool(Node node, String field) {
    String value = text(node, field);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ScenarioException(field, line(node), "expected true or false, but got '" + value + "'");
  }

  private static BigDecimal number(Node node, String field) {
    String value = text(node, field);
    try {
      BigDecimal number = new BigDecimal(value);
      if (number.signum() < 0) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new ScenarioException(field, line(node), "expected a number of at least 0, but got '" + value + "'");
    }
  }

  private static String text(Node node, String field) {
    if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
      return scalar.getValue();
    }
    throw new ScenarioException(field, line(node), "expected a value, but got " + what(node));
  }

  private static SequenceNode sequence(Node node, String field) {
    if (node instanceof SequenceNode list) {
      return list;
    }
    throw new ScenarioException(field, line(node), "expected a list, but got " + what(node));
  }

  private static String what(Node node) {
    return node instanceof MappingNode ? "a mapping" : node instanceof SequenceNode ? "a list" : "nothing";
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** The keys of one mapping, checked against the ones the format knows. */
  private record Fields(Map<String, Node> values, String prefix, int mappingLine) {

    static Fields of(Node node, String prefix, Set<String> known) {
      String field = prefix.isEmpty() ? "(document)" : prefix.substring(0, prefix.length() - 1);
      if (!(node instanceof MappingNode mapping)) {
        throw new ScenarioException(field, line(node), "expected a mapping of " + known + ", but got " + what(node));
      }
      Map<String, Node> values = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = ScenarioReader.text(tuple.getKeyNode(), prefix + "(key)");
        if (!known.contains(key)) {
          throw new ScenarioException(prefix + key, line(tuple.getKeyNode()),
              "unknown field; expected one of " + new java.util.TreeSet<>(known));
        }
        values.put(key, tuple.getValueNode());
      }
      return new Fields(values, prefix, line(node));
    }

    boolean has(String key) {
      return values.containsKey(key);
    }

    java.util.Optional<Node> optional(String key) {
      return java.util.Optional.ofNullable(values.get(key));
    }

    Node required(String key) {
      Node node = values.get(key);
      if (node == null) {
        throw new ScenarioException(prefix + key, mappingLine, "is required");
      }
      return node;
    }

    String text(String key, String otherwise) {
      return optional(key).map(n -> ScenarioReader.text(n, prefix + key)).orElse(otherwise);
    }
  }
}
