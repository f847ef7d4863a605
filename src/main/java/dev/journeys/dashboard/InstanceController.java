package dev.journeys.dashboard;

import dev.journeys.notify.MessageHistory;
import dev.journeys.orders.OrderLookup;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Searching instances, one instance with its diagram, variables and customer timeline, and cancelling it. */
@Controller
class InstanceController {

  private static final Logger log = LoggerFactory.getLogger(InstanceController.class);
  private static final int TIMELINE_LIMIT = 500;

  private final EngineReads engine;
  private final InstanceSearch search;
  private final OrderLookup orders;
  private final MessageHistory messages;

  InstanceController(EngineReads engine, InstanceSearch search, OrderLookup orders, MessageHistory messages) {
    this.engine = engine;
    this.search = search;
    this.orders = orders;
    this.messages = messages;
  }

  @GetMapping("/dashboard/instances")
  String instances(@ModelAttribute("criteria") InstanceSearch.Criteria criteria,
      @RequestParam(defaultValue = "0") int offset, Model model) {
    InstanceSearch.Result result = search.search(criteria, Math.max(0, offset));
    model.addAttribute("instances", result.items());
    model.addAttribute("total", result.total());
    model.addAttribute("offset", Math.max(0, offset));
    model.addAttribute("pageSize", EngineReads.PAGE);
    model.addAttribute("journeys", engine.latestJourneys());
    model.addAttribute("page", "instances");
    return "dashboard/instances";
  }

  @GetMapping("/dashboard/instances/{key}")
  String instance(@PathVariable long key, Model model) {
    ProcessInstance instance = engine.instance(key).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "Expected a process instance with key " + key + ", but there is none"));
    DiagramSvg diagram = engine.diagram(instance.getProcessDefinitionKey());
    List<ElementInstance> path = engine.path(key);
    List<Variable> variables = engine.variables(key);
    var incidents = engine.incidentsOf(key);
    Set<String> current = new HashSet<>();
    Set<String> visited = new HashSet<>();
    for (ElementInstance step : path) {
      (step.getState() == ElementInstanceState.ACTIVE ? current : visited).add(step.getElementId());
    }
    Map<String, Long> open = new HashMap<>();
    incidents.stream().filter(i -> i.getState() == io.camunda.client.api.search.enums.IncidentState.ACTIVE)
        .forEach(i -> open.merge(i.getElementId(), 1L, Long::sum));
    var overlay = new DiagramSvg.Overlay(Map.of(), open, current, visited);

    Optional<OrderLookup.OrderRef> order = orders.byJourney(key);
    String customerId = order.map(OrderLookup.OrderRef::customerId)
        .or(() -> variable(variables, "customerId")).orElse(null);
    List<String> orderIds = new ArrayList<>();
    order.map(OrderLookup.OrderRef::orderId).or(() -> variable(variables, "orderId")).ifPresent(orderIds::add);
    if (customerId != null) {
      orders.ofCustomer(customerId, 20).stream().map(OrderLookup.OrderRef::orderId)
          .filter(id -> !orderIds.contains(id)).forEach(orderIds::add);
    }
    model.addAttribute("instance", instance);
    model.addAttribute("svg", diagram.render(overlay));
    model.addAttribute("variables", variables);
    model.addAttribute("incidents", incidents);
    model.addAttribute("orderId", orderIds.isEmpty() ? null : orderIds.get(0));
    model.addAttribute("customerId", customerId);
    model.addAttribute("timeline", Timeline.of(orders.events(orderIds, TIMELINE_LIMIT), path,
        messages.decisions(orderIds, customerId, TIMELINE_LIMIT), diagram).entries());
    model.addAttribute("page", "instances");
    return "dashboard/instance";
  }

  @PostMapping("/dashboard/instances/{key}/cancellation")
  String cancel(@PathVariable long key, Authentication who, RedirectAttributes flash) {
    try {
      engine.cancel(key);
      log.info("{} cancelled process instance {}", who.getName(), key);
      flash.addFlashAttribute("notice", "Instance " + key + " cancelled.");
    } catch (ClientException e) {
      flash.addFlashAttribute("problem", "Could not cancel instance " + key + ": " + e.getMessage());
    }
    return "redirect:/dashboard/instances/" + key;
  }

  /** A string variable's value without its JSON quotes. */
  private static Optional<String> variable(List<Variable> variables, String name) {
    return variables.stream().filter(v -> v.getName().equals(name) && v.getValue() != null
            && v.getValue().startsWith("\"")).findFirst()
        .map(v -> v.getValue().substring(1, v.getValue().length() - 1));
  }
}
