package dev.journeys.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.LintRules;
import dev.journeys.notify.Purpose;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The element templates in element-templates/ offer exactly what exists: every message template
 * folder and no other, the application's channels, the purposes and channel choices the worker
 * knows; and a step configured with any of their choices passes the journey linter. So the
 * templates cannot drift from the app.
 */
class ElementTemplatesTest {

  static final Path DIR = Path.of("element-templates");
  static final Path MESSAGES = Path.of("src/main/resources/templates/messages");
  static final String SCHEMA = "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json";

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theTemplateDropdownListsEveryMessageTemplateAndNoOther() throws IOException {
    Set<String> folders = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(MESSAGES)) {
      dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_"))
          .forEach(folders::add);
    }
    assertThat(choices(header(sendMessage(), "template"))).isEqualTo(folders);
  }

  @Test
  void theChannelsPatternAllowsExactlyTheApplicationsChannels() throws IOException {
    JsonNode channels = header(sendMessage(), "channels");
    String pattern = channels.at("/constraints/pattern/value").asText();
    Set<String> named = new TreeSet<>(Arrays.asList(
        pattern.substring(pattern.indexOf('(') + 1, pattern.indexOf(')')).split("\\|")));
    Set<String> application = LintRules.ofApplication().channels();
    assertThat(named).isEqualTo(application);
    assertThat(channels.get("description").asText()).contains(application);
    Pattern allowed = Pattern.compile(pattern);
    assertThat(allowed.matcher("sms,email").matches()).isTrue();
    assertThat(allowed.matcher("email,fax").matches()).isFalse();
    assertThat(allowed.matcher("").matches()).isFalse();
  }

  @Test
  void purposeAndChannelChoiceOfferWhatTheWorkerKnowsEachExplained() throws IOException {
    JsonNode send = sendMessage();
    Set<String> purposes = new TreeSet<>();
    Arrays.stream(Purpose.values()).forEach(p -> purposes.add(p.name().toLowerCase(Locale.ROOT)));
    assertThat(choices(header(send, "purpose"))).isEqualTo(purposes);
    assertThat(choices(header(send, "channel-choice"))).containsExactlyInAnyOrder("first", "all");
    for (String key : List.of("template", "channels", "purpose", "channel-choice")) {
      assertThat(header(send, key).path("description").asText()).as("what %s means", key).isNotBlank();
    }
    assertThat(header(send, "purpose").get("description").asText()).contains("transactional", "marketing");
    assertThat(header(send, "channel-choice").get("description").asText()).contains("first", "all");
  }

  @Test
  void eachTemplateIsAZeebeServiceTaskTemplateForAJobTypeThatExists() throws IOException {
    Set<String> workers = LintRules.ofApplication().workerTypes();
    for (String file : List.of("send-message.json", "open-support-ticket.json")) {
      JsonNode template = read(file);
      assertThat(template.get("$schema").asText()).isEqualTo(SCHEMA);
      assertThat(template.get("elementType").get("value").asText()).isEqualTo("bpmn:ServiceTask");
      String type = property(template, "zeebe:taskDefinition", "type").get("value").asText();
      assertThat(workers).as(file).contains(type);
      assertThat(file).isEqualTo(type + ".json");
    }
  }

  /** Every combination of the dropdowns' choices, as a send-message step, passes the linter. */
  @Test
  void everyChoiceMakesAStepTheLinterAccepts() throws IOException {
    JsonNode send = sendMessage();
    var linter = new JourneyLinter(LintRules.ofApplication());
    List<String> problems = new ArrayList<>();
    for (String template : choices(header(send, "template"))) {
      for (String purpose : choices(header(send, "purpose"))) {
        for (String choice : choices(header(send, "channel-choice"))) {
          for (String channel : LintRules.ofApplication().channels()) {
            String bpmn = step(template, purpose, choice, channel);
            linter.lint("t.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)).stream()
                .filter(f -> f.isError() && !f.problem().contains("in locale"))
                .forEach(f -> problems.add(template + "/" + purpose + "/" + choice + "/" + channel + ": " + f));
          }
        }
      }
      // the default channel is email, which needs the template in every locale
      linter.lint("t.bpmn", step(template, "transactional", "first", "email").getBytes(StandardCharsets.UTF_8))
          .stream().filter(f -> f.isError()).forEach(f -> problems.add(template + " by email: " + f));
    }
    assertThat(problems).isEmpty();
  }

  private static String step(String template, String purpose, String choice, String channels) {
    return """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            id="d" targetNamespace="t">
          <process id="p" isExecutable="true">
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            <serviceTask id="t"><extensionElements>
              <zeebe:taskDefinition type="send-message" retries="8"/>
              <zeebe:taskHeaders>
                <zeebe:header key="template" value="%s"/><zeebe:header key="channels" value="%s"/>
                <zeebe:header key="purpose" value="%s"/><zeebe:header key="channel-choice" value="%s"/>
              </zeebe:taskHeaders></extensionElements></serviceTask>
            <sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
          </process>
        </definitions>""".formatted(template, channels, purpose, choice);
  }

  private JsonNode sendMessage() throws IOException {
    return read("send-message.json");
  }

  private JsonNode read(String file) throws IOException {
    return json.readTree(DIR.resolve(file).toFile());
  }

  private static JsonNode header(JsonNode template, String key) {
    for (JsonNode p : template.get("properties")) {
      JsonNode binding = p.get("binding");
      if ("zeebe:taskHeader".equals(binding.get("type").asText()) && key.equals(binding.path("key").asText())) {
        return p;
      }
    }
    throw new AssertionError("Expected a property bound to header '" + key + "', but there is none");
  }

  private static JsonNode property(JsonNode template, String type, String property) {
    for (JsonNode p : template.get("properties")) {
      JsonNode binding = p.get("binding");
      if (type.equals(binding.get("type").asText()) && property.equals(binding.path("property").asText())) {
        return p;
      }
    }
    throw new AssertionError("Expected a property bound to " + type + " " + property + ", but there is none");
  }

  private static Set<String> choices(JsonNode property) {
    Set<String> values = new TreeSet<>();
    property.get("choices").forEach(c -> values.add(c.get("value").asText()));
    return values;
  }
}
