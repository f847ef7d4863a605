package dev.journeys.dashboard;

import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.response.Incident;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

/**
 * Open incidents, grouped by kind (journey, element, error type), and the operator's retry: the job
 * gets its retries back and the incident is resolved, for one incident or for every open one of a
 * kind. Through the Camunda client only, so the same on a Camunda 8 cluster.
 */
@Controller
class IncidentController {

  private static final Logger log = LoggerFactory.getLogger(IncidentController.class);
  /** How many failures a bulk retry names in its answer; the log names them all. */
  private static final int FAILURES_SHOWN = 10;

  private final EngineReads engine;

  IncidentController(EngineReads engine) {
    this.engine = engine;
  }

  /**
   * Open incidents of one kind: the same error at the same element of the same journey.
   *
   * @param sample one of their messages, to recognise the kind by
   */
  record Kind(String journey, String element, String errorType, long count, String sample) {}

  @GetMapping("/dashboard/incidents")
  String incidents(@RequestParam(defaultValue = "0") int offset, Model model) {
    var page = engine.openIncidentPage(Math.max(0, offset));
    List<Incident> open = engine.openIncidents(f -> { });
    model.addAttribute("incidents", page.items());
    model.addAttribute("kinds", kinds(open));
    model.addAttribute("kindsCapped", open.size() >= EngineReads.KIND_LIMIT);
    model.addAttribute("total", page.page().totalItems());
    model.addAttribute("offset", Math.max(0, offset));
    model.addAttribute("pageSize", EngineReads.PAGE);
    model.addAttribute("page", "incidents");
    return "dashboard/incidents";
  }

  static List<Kind> kinds(List<Incident> open) {
    Map<List<String>, List<Incident>> byKind = open.stream().collect(Collectors.groupingBy(
        i -> List.of(i.getProcessDefinitionId(), i.getElementId(), String.valueOf(i.getErrorType())),
        LinkedHashMap::new, Collectors.toList()));
    return byKind.entrySet().stream()
        .map(e -> new Kind(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue().size(),
            e.getValue().getFirst().getErrorMessage()))
        .sorted(Comparator.comparingLong(Kind::count).reversed()
            .thenComparing(Kind::journey).thenComparing(Kind::element).thenComparing(Kind::errorType))
        .toList();
  }

  @PostMapping("/dashboard/incidents/{key}/retry")
  String retry(@PathVariable long key, @RequestParam(defaultValue = "3") int retries,
      @RequestParam(defaultValue = "/dashboard/incidents") String back, Authentication who,
      RedirectAttributes flash) {
    checkRetries(retries);
    Incident incident = engine.incident(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "Expected an incident with key " + key + ", but there is none"));
    try {
      engine.retry(incident, retries);
      log.info("{} retried incident {} of instance {} at {} ({} retries)", who.getName(), key,
          incident.getProcessInstanceKey(), incident.getElementId(), retries);
      flash.addFlashAttribute("notice", "Incident " + key + " resolved; its job has " + retries + " retries again.");
    } catch (RuntimeException e) {
      flash.addFlashAttribute("problem", "Could not retry incident " + key + ": " + e.getMessage());
    }
    return "redirect:" + (back.startsWith("/dashboard") ? back : "/dashboard/incidents");
  }

  /**
   * Every open incident of one kind, each exactly as the single retry does it (its job's retries
   * updated, then the incident resolved); one that fails does not stop the others.
   */
  @PostMapping("/dashboard/incidents/retry")
  String retryKind(@RequestParam(required = false) String journey, @RequestParam(required = false) String element,
      @RequestParam(required = false) String errorType, @RequestParam(defaultValue = "3") int retries,
      Authentication who, RedirectAttributes flash) {
    required("journey", journey);
    required("element", element);
    IncidentErrorType type = errorType(errorType);
    checkRetries(retries);
    List<Incident> ofKind = engine.openIncidents(f -> f.processDefinitionId(journey).elementId(element).errorType(type));
    List<String> failures = new ArrayList<>();
    for (Incident incident : ofKind) {
      try {
        engine.retry(incident, retries);
      } catch (RuntimeException e) {
        failures.add(incident.getIncidentKey() + " (" + e.getMessage() + ")");
      }
    }
    int retried = ofKind.size() - failures.size();
    String kind = journey + " / " + element + " / " + type;
    log.info("{} retried {} of {} open incident(s) of {} ({} retries){}", who.getName(), retried, ofKind.size(),
        kind, retries, failures.isEmpty() ? "" : "; failed: " + failures);
    flash.addFlashAttribute("notice", "Retried " + retried + " of " + ofKind.size() + " open incident(s) of "
        + kind + "; their jobs have " + retries + " retries again.");
    if (!failures.isEmpty()) {
      flash.addFlashAttribute("problem", failures.size() + " could not be retried: "
          + String.join(", ", failures.subList(0, Math.min(FAILURES_SHOWN, failures.size())))
          + (failures.size() > FAILURES_SHOWN ? " and " + (failures.size() - FAILURES_SHOWN) + " more (see the log)" : ""));
    }
    return "redirect:/dashboard/incidents";
  }

  private static void checkRetries(int retries) {
    if (retries < 1 || retries > 100) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Expected retries between 1 and 100, but got " + retries);
    }
  }

  private static void required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Expected " + field + " (which open incidents to retry), but it is missing");
    }
  }

  private static IncidentErrorType errorType(String errorType) {
    required("errorType", errorType);
    try {
      IncidentErrorType type = IncidentErrorType.valueOf(errorType);
      if (type != IncidentErrorType.UNKNOWN_ENUM_VALUE) {
        return type;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Expected errorType to be one of "
        + Arrays.stream(IncidentErrorType.values()).filter(t -> t != IncidentErrorType.UNKNOWN_ENUM_VALUE)
            .map(Enum::name).collect(Collectors.joining(", ")) + ", but got '" + errorType + "'");
  }
}
