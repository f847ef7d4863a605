package dev.journeys.notify.whatsapp;

import dev.journeys.journey.ChannelKey;
import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.MessageChannel;
import dev.journeys.notify.MessageRequest;
import dev.journeys.notify.Outbox;
import dev.journeys.notify.Outcome;
import dev.journeys.notify.PhoneNumbers;
import dev.journeys.notify.ProviderHealth;
import dev.journeys.notify.Purpose;
import dev.journeys.notify.Recipient;
import dev.journeys.orders.Order;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.actuate.health.Health;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The WhatsApp channel. Business-initiated WhatsApp messages must be templates the provider (and
 * Meta) approved, so a message is an approved content template, named by its content SID per
 * message template and locale (journeys.notify.whatsapp.templates), with variables rendered from
 * {template}/{locale}.whatsapp.txt, one line per variable ({{1}}, {{2}}, ...). It goes to the
 * customer's mobile number as whatsapp:+E164. Either purpose needs the customer's WhatsApp opt-in
 * (apart from SMS), and quiet hours hold it as they hold SMS.
 */
@Component
@ChannelKey("whatsapp")
@ConditionalOnProperty(prefix = WhatsAppProperties.PREFIX, name = "enabled", havingValue = "true")
class WhatsAppChannel implements MessageChannel {

  static final String TEXT_SUFFIX = ".whatsapp.txt";
  static final String NO_CONSENT = "no-whatsapp-consent";
  static final String NO_TEMPLATE = "no-whatsapp-template";

  private static final java.util.regex.Pattern CONTENT_SID = java.util.regex.Pattern.compile("HX[0-9a-fA-F]{32}");

  private final ChannelSupport support;
  private final WhatsAppTransport transport;
  private final WhatsAppProperties properties;
  private final JdbcClient jdbc;

  WhatsAppChannel(ChannelSupport support, WhatsAppTransport transport, WhatsAppProperties properties,
      JdbcClient jdbc) {
    this.support = support;
    this.transport = transport;
    this.properties = properties;
    this.jdbc = jdbc;
  }

  @Override
  public Outcome dispatch(Outbox.Entry entry, MessageRequest request, Recipient recipient, Order order) {
    if (recipient.erased()) {
      return support.skip(entry, "erased");
    }
    // An order without a customer record carries no opt-in, so it gets no WhatsApp message either.
    if (!optedIn(recipient, request.purpose())) {
      return support.skip(entry, NO_CONSENT);
    }
    if (recipient.phone() == null || recipient.phone().isBlank()) {
      return support.skip(entry, "no-phone");
    }
    PhoneNumbers.Parsed number = PhoneNumbers.mobile(recipient.phone(), recipient.country());
    if (!number.mobile()) {
      return support.skip(entry, "undeliverable: " + number.problem());
    }
    Optional<String> tag = locale(request.template(), recipient);
    if (tag.isEmpty()) {
      // No approved template for this message: the step's other channels (or email) tell the customer.
      return support.skip(entry, NO_TEMPLATE);
    }
    Optional<Outcome> held = support.holdForQuietHours(this, entry, request, recipient);
    if (held.isPresent()) {
      return held.get();
    }
    // Rendered before the claim: a template problem must not leave the row leased.
    OutgoingWhatsApp message = new OutgoingWhatsApp(entry.messageId(), address(number.e164()),
        properties.contentSid(request.template(), tag.get()),
        variables(support.render(TEXT_SUFFIX, tag.get(), request, recipient, order)), tag.get());
    return support.sendOnce(entry, request, OutgoingWhatsApp.masked(message.to()), () -> transport.send(message));
  }

  /** Either purpose needs the customer's WhatsApp opt-in: WhatsApp's own rules ask for it. */
  @Override
  public boolean optedIn(Recipient recipient, Purpose purpose) {
    return recipient.whatsappConsent();
  }

  @Override
  public String address(Recipient recipient) {
    if (recipient.phone() == null || recipient.phone().isBlank()) {
      return null;
    }
    PhoneNumbers.Parsed number = PhoneNumbers.mobile(recipient.phone(), recipient.country());
    return number.mobile() ? address(number.e164()) : null;
  }

  static String address(String e164) {
    return "whatsapp:" + e164;
  }

  @Override
  public String title() {
    return "WhatsApp";
  }

  @Override
  public String consentLabel() {
    return "WhatsApp";
  }

  @Override
  public String maskedAddress(Recipient recipient) {
    return recipient.phone() == null ? null : PhoneNumbers.mask(recipient.phone());
  }

  @Override
  public List<String> startupProblems() {
    List<String> problems = new ArrayList<>();
    if (!properties.sandbox()) {
      if (properties.authToken() == null || properties.authToken().isBlank()) {
        problems.add("Expected " + WhatsAppProperties.PREFIX + ".auth-token to be set with account-sid, but it is not");
      }
      String from = properties.from() == null ? "" : properties.from().strip().replaceFirst("^whatsapp:", "");
      if (!from.matches("\\+[1-9][0-9]{6,14}")) {
        problems.add("Expected " + WhatsAppProperties.PREFIX + ".from to be the sender as +E164 (or whatsapp:+E164), but it is '"
            + (properties.from() == null ? "" : properties.from()) + "'");
      }
    }
    properties.templates().forEach((template, locales) -> locales.forEach((locale, sid) -> {
      String setting = WhatsAppProperties.PREFIX + ".templates." + template + "." + locale;
      if (sid == null || !CONTENT_SID.matcher(sid).matches()) {
        problems.add("Expected " + setting + " to be a content SID (HX and 32 hex digits), but it is '" + sid + "'");
      }
      if (textFile(template, locale).isEmpty()) {
        problems.add("Expected " + setting + " to have its variables in templates/messages/" + template + "/"
            + locale + TEXT_SUFFIX + ", but there is no such file");
      }
    }));
    return problems;
  }

  /** With an account: whether the provider's base-url answers (no credentials are sent). */
  @Override
  public Health health() {
    return transport instanceof SandboxWhatsAppTransport
        ? ProviderHealth.sandbox() : ProviderHealth.probe(properties.baseUrl(), properties.timeout());
  }

  @Override
  public List<?> sandbox(int limit) {
    return SandboxWhatsAppTransport.latest(jdbc, limit);
  }

  @Override
  public Optional<SandboxCopy> sandboxCopy(String messageId) {
    return SandboxWhatsAppTransport.copy(jdbc, messageId);
  }

  @Override
  public String sandboxTable() {
    return "sandbox_whatsapp";
  }

  @Override
  public Map<String, Integer> erase(OutboxRows messages) {
    return Map.of("sandboxWhatsApp", SandboxWhatsAppTransport.erase(jdbc, messages));
  }

  /** The most specific locale with both an approved template and its variables file. */
  private Optional<String> locale(String template, Recipient recipient) {
    return support.localeCandidates(recipient).stream()
        .filter(tag -> properties.contentSid(template, tag) != null)
        .filter(tag -> support.hasText(template, tag, TEXT_SUFFIX))
        .findFirst();
  }

  /** The locale as the templates folder spells it (zh-CN), whatever case the setting's key had. */
  private static Optional<String> textFile(String template, String locale) {
    for (String tag : new String[] {locale, canonical(locale)}) {
      if (new ClassPathResource("templates/messages/" + template + "/" + tag + TEXT_SUFFIX).exists()) {
        return Optional.of(tag);
      }
    }
    return Optional.empty();
  }

  private static String canonical(String locale) {
    return java.util.Locale.forLanguageTag(locale).toLanguageTag();
  }

  /** One variable per line, numbered from 1; blank lines at the end are not variables. */
  private static Map<String, String> variables(String text) {
    List<String> lines = new ArrayList<>(text.strip().lines().map(String::strip).toList());
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      variables.put(Integer.toString(i + 1), lines.get(i));
    }
    return variables;
  }
}
