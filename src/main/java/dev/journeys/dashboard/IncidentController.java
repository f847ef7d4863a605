package dev.journeys.dashboard;

import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.search.response.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Open incidents, and the operator's retry: the job gets its retries back and the incident is resolved. */
@Controller
class IncidentController {

  private static final Logger log = LoggerFactory.getLogger(IncidentController.class);

  private final EngineReads engine;

  IncidentController(EngineReads engine) {
    this.engine = engine;
  }

  @GetMapping("/dashboard/incidents")
  String incidents(@RequestParam(defaultValue = "0") int offset, Model model) {
    var page = engine.openIncidentPage(Math.max(0, offset));
    model.addAttribute("incidents", page.items());
    model.addAttribute("total", page.page().totalItems());
    model.addAttribute("offset", Math.max(0, offset));
    model.addAttribute("pageSize", EngineReads.PAGE);
    model.addAttribute("page", "incidents");
    return "dashboard/incidents";
  }

  @PostMapping("/dashboard/incidents/{key}/retry")
  String retry(@PathVariable long key, @RequestParam(defaultValue = "3") int retries,
      @RequestParam(defaultValue = "/dashboard/incidents") String back, Authentication who,
      RedirectAttributes flash) {
    if (retries < 1 || retries > 100) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Expected retries between 1 and 100, but got " + retries);
    }
    Incident incident = engine.incident(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "Expected an incident with key " + key + ", but there is none"));
    try {
      engine.retry(incident, retries);
      log.info("{} retried incident {} of instance {} at {} ({} retries)", who.getName(), key,
          incident.getProcessInstanceKey(), incident.getElementId(), retries);
      flash.addFlashAttribute("notice", "Incident " + key + " resolved; its job has " + retries + " retries again.");
    } catch (ClientException e) {
      flash.addFlashAttribute("problem", "Could not retry incident " + key + ": " + e.getMessage());
    }
    return "redirect:" + (back.startsWith("/dashboard") ? back : "/dashboard/incidents");
  }
}
