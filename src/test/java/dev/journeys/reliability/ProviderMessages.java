package dev.journeys.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The message store of a Twilio-style provider, as a WireMock extension: a POST to Messages.json
 * that a stub hands to it creates a message the moment the request arrives (before any delay the
 * stub adds to its answer, as a provider that is slow to answer has already taken the message), and
 * a GET to Messages.json?To=... lists the messages to that number, latest first.
 */
final class ProviderMessages implements ResponseDefinitionTransformerV2 {

  static final String NAME = "provider-messages";

  /** One message the provider took. */
  record Message(String sid, String to, String body, Instant created) {}

  private static final DateTimeFormatter TWILIO_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger sids = new AtomicInteger();
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
        .withHeader("Content-Type", "application/json");
    if (request.getMethod().equals(RequestMethod.POST)) {
      Map<String, String> form = OutageServers.form(request.getBodyAsString());
      Message message = new Message("SM%032d".formatted(sids.incrementAndGet()), form.get("To"), form.get("Body"),
          Instant.now());
      messages.add(message);
      return answer.withStatus(201).withBody(resource(message).toString()).build();
    }
    String to = request.queryParameter("To").isPresent() ? request.queryParameter("To").firstValue() : null;
    ObjectNode page = json.createObjectNode();
    ArrayNode list = page.putArray("messages");
    messages.reversed().stream().filter(m -> to == null || to.equals(m.to())).map(this::resource).forEach(list::add);
    return answer.withStatus(200).withBody(page.toString()).build();
  }

  /** What the provider took, oldest first. */
  List<Message> taken() {
    return List.copyOf(messages);
  }

  void clear() {
    messages.clear();
  }

  private ObjectNode resource(Message message) {
    return json.createObjectNode()
        .put("sid", message.sid())
        .put("to", message.to())
        .put("body", message.body())
        .put("status", "queued")
        .put("direction", "outbound-api")
        .put("date_created", TWILIO_DATE.format(message.created()));
  }
}
