package dev.journeys.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.journeys.notify.MessageTemplates;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * POST /api/simulations: a scenario (YAML or JSON) in, the customer's timeline (JSON) out, for the
 * dashboard's simulation page and for scripts. The body alone runs the packaged journeys; a
 * multipart request with parts {@code scenario} and {@code journey} (a .bpmn file) runs that journey
 * instead. Each simulation starts an application of its own (a few seconds), so one runs at a time.
 */
@RestController
class SimulationController {

  static final int MAX_BYTES = 512 * 1024;

  private final Simulator simulator;
  private final MessageTemplates templates;

  SimulationController(Simulator simulator, MessageTemplates templates) {
    this.simulator = simulator;
    this.templates = templates;
  }

  /** The shape of every error of this API: the orders API's, with the scenario line when known. */
  record Problem(String error, Map<String, String> fields, Integer line) {}

  @PostMapping(path = "/api/simulations", consumes = {"application/yaml", "application/x-yaml", "text/yaml",
      MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
  Timeline simulate(@RequestBody byte[] body, @RequestParam(defaultValue = "published") String templates) {
    return run(scenario(body), null, templates);
  }

  @PostMapping(path = "/api/simulations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Timeline simulate(@RequestPart("scenario") MultipartFile scenario,
      @RequestPart(name = "journey", required = false) MultipartFile journey,
      @RequestParam(defaultValue = "published") String templates) throws IOException {
    Simulator.Journey bpmn = null;
    if (journey != null) {
      if (journey.getSize() > MAX_BYTES) {
        throw new ScenarioException("journey", 0, "expected at most " + MAX_BYTES + " bytes of BPMN");
      }
      String name = journey.getOriginalFilename() == null ? "journey.bpmn" : journey.getOriginalFilename();
      bpmn = new Simulator.Journey(name.replaceAll("[^A-Za-z0-9._-]", "_"), journey.getBytes());
    }
    return run(scenario(scenario.getBytes()), bpmn, templates);
  }

  /**
   * @param texts which message templates render: "published" (the studio's published texts over the
   *     packaged files, as sends use them now), "drafts" (its saved drafts over those: what a
   *     marketer is about to publish) or "packaged" (the files of the build alone)
   */
  private Timeline run(Scenario scenario, Simulator.Journey journey, String texts) {
    Map<String, String> overrides = switch (texts) {
      case "published" -> templates.studioTexts(false);
      case "drafts" -> templates.studioTexts(true);
      case "packaged" -> Map.of();
      default -> throw new IllegalArgumentException("Expected templates to be published, drafts or packaged, but it is '"
          + texts + "'");
    };
    return simulator.simulate(scenario, journey, overrides, Simulator.Progress.NONE);
  }

  private static Scenario scenario(byte[] body) {
    if (body == null || body.length == 0) {
      throw new ScenarioException("(document)", 0, "expected a scenario in YAML or JSON, but the body is empty");
    }
    if (body.length > MAX_BYTES) {
      throw new ScenarioException("(document)", 0, "expected at most " + MAX_BYTES + " bytes");
    }
    return ScenarioReader.read(new String(body, StandardCharsets.UTF_8));
  }

  @ExceptionHandler(ScenarioException.class)
  ResponseEntity<Problem> invalid(ScenarioException e) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(e.field(), e.getMessage().substring(e.getMessage().indexOf(e.field()) + e.field().length() + 2));
    return ResponseEntity.badRequest()
        .body(new Problem("Invalid scenario: " + e.getMessage(), fields, e.line() > 0 ? e.line() : null));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Problem> refused(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(new Problem(e.getMessage(), Map.of("journey", e.getMessage()), null));
  }

  /** The scenario is valid but took longer than journeys.simulate.max-duration; the message names both. */
  @ExceptionHandler(Simulator.TooLong.class)
  ResponseEntity<Problem> tooLong(Simulator.TooLong e) {
    return ResponseEntity.unprocessableEntity().body(new Problem(e.getMessage(), Map.of(), null));
  }

  @ExceptionHandler(Simulator.Busy.class)
  ResponseEntity<Problem> busy(Simulator.Busy e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "10")
        .body(new Problem(e.getMessage(), Map.of(), null));
  }
}
