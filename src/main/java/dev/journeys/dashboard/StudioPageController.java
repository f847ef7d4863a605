package dev.journeys.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The journey studio's pages: the list of journeys to edit, and the editor (bpmn.io's Camunda 8
 * modeler, vendored under /vendor/camunda-bpmn-js/) which does everything else through the
 * studio's API (/api/studio). Marketers and admins only.
 */
@Controller
class StudioPageController {

  private final EngineReads engine;
  private final java.util.Map<String, String> scenarios = SimulationPageController.examples();

  StudioPageController(EngineReads engine) {
    this.engine = engine;
  }

  @GetMapping("/dashboard/studio")
  String journeys(Model model) {
    model.addAttribute("journeys", engine.latestJourneys());
    model.addAttribute("page", "studio");
    return "dashboard/studio-journeys";
  }

  @GetMapping("/dashboard/studio/{processId}")
  String editor(@PathVariable String processId, Model model) {
    if (!processId.matches("[A-Za-z_][A-Za-z0-9_.-]{0,254}")) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "Expected a BPMN process id as the journey, but it is '" + processId + "'");
    }
    model.addAttribute("processId", processId);
    // to try the edited journey against (POST /api/simulations with the editor's BPMN)
    model.addAttribute("scenarios", scenarios);
    model.addAttribute("scenario", scenarios.getOrDefault("happy-path", ""));
    model.addAttribute("page", "studio");
    return "dashboard/studio";
  }
}
