package dev.journeys.dashboard;

import dev.journeys.simulate.ScenarioException;
import dev.journeys.simulate.ScenarioReader;
import dev.journeys.notify.MessageTemplates;
import dev.journeys.simulate.Simulator;
import dev.journeys.simulate.Timeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The simulation page: a marketer picks an example scenario or writes one, runs it against the
 * packaged journeys on an in-memory copy of the app, and reads the customer's timeline with the
 * rendered messages (the same report as {@code simulate --html}, shown in a sandboxed frame).
 * Nothing of the running app changes.
 */
@Controller
class SimulationPageController {

  private static final int MAX_CHARS = 256 * 1024;

  private final Simulator simulator;
  private final MessageTemplates templates;
  private final Map<String, String> examples;

  SimulationPageController(Simulator simulator, MessageTemplates templates) {
    this.templates = templates;
    this.simulator = simulator;
    this.examples = examples();
  }

  @GetMapping("/dashboard/simulate")
  String page(@RequestParam(name = "example", required = false) String example, Model model) {
    String name = example != null && examples.containsKey(example) ? example
        : examples.containsKey("happy-path") ? "happy-path" : examples.keySet().stream().findFirst().orElse(null);
    model.addAttribute("scenario", name == null ? "" : examples.get(name));
    return show(model, name);
  }

  @PostMapping("/dashboard/simulate")
  String simulate(@RequestParam("scenario") String scenario, Model model,
      jakarta.servlet.http.HttpServletResponse response) {
    model.addAttribute("scenario", scenario);
    if (scenario.length() > MAX_CHARS) {
      return problem(model, response, HttpStatus.BAD_REQUEST, null,
          "Invalid scenario: expected at most " + MAX_CHARS + " characters");
    }
    try {
      // the message templates as sends use them now: the studio's published texts over the packaged files
      Timeline timeline = simulator.simulate(ScenarioReader.read(scenario), null, templates.studioTexts(false),
          Simulator.Progress.NONE);
      model.addAttribute("timeline", timeline);
      model.addAttribute("report", timeline.toHtml());
      return show(model, null);
    } catch (ScenarioException e) {
      return problem(model, response, HttpStatus.BAD_REQUEST, e.line() > 0 ? e.line() : null,
          "Invalid scenario: " + e.getMessage());
    } catch (Simulator.Busy e) {
      return problem(model, response, HttpStatus.TOO_MANY_REQUESTS, null, e.getMessage());
    } catch (Simulator.TooLong e) {
      return problem(model, response, HttpStatus.UNPROCESSABLE_ENTITY, null, e.getMessage());
    }
  }

  private String problem(Model model, jakarta.servlet.http.HttpServletResponse response, HttpStatus status,
      Integer line, String message) {
    response.setStatus(status.value());
    model.addAttribute("problem", message);
    model.addAttribute("problemLine", line);
    return show(model, null);
  }

  private String show(Model model, String example) {
    model.addAttribute("examples", examples.keySet());
    model.addAttribute("example", example);
    model.addAttribute("page", "simulate");
    return "dashboard/simulate";
  }

  /** examples/scenarios/*.yaml from the classpath (the repository's examples, packaged), by file name. */
  static Map<String, String> examples() {
    try {
      Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:examples/scenarios/*.yaml");
      Map<String, String> byName = new LinkedHashMap<>();
      Arrays.stream(found).sorted(Comparator.comparing(Resource::getFilename)).forEach(resource -> {
        try {
          byName.put(resource.getFilename().replace(".yaml", ""),
              new String(resource.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return java.util.Collections.unmodifiableMap(byName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
