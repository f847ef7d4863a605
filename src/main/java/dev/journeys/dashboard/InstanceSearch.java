package dev.journeys.dashboard;

import dev.journeys.orders.OrderLookup;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.ProcessInstance;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Finds instances by order id, customer, journey, state and start time. An order's journey is found
 * through the orders table, which keeps its process instance key, so a finished journey is found too
 * (the engine drops an instance's variables when it ends); a customer's through their orders plus
 * the running instances whose customerId variable names them (e.g. the anniversary journey).
 */
@Component
class InstanceSearch {

  /** The search form. Blank fields do not filter. Times are UTC, as datetime-local inputs send them. */
  record Criteria(String orderId, String customerId, String journey, String state, String from, String to) {
    boolean byPerson() {
      return present(orderId) || present(customerId);
    }
  }

  record Result(List<ProcessInstance> items, long total) {}

  private final EngineReads engine;
  private final OrderLookup orders;

  InstanceSearch(EngineReads engine, OrderLookup orders) {
    this.engine = engine;
    this.orders = orders;
  }

  Result search(Criteria criteria, int from) {
    Consumer<ProcessInstanceFilter> common = common(criteria);
    if (!criteria.byPerson()) {
      var page = engine.instances(common, from);
      return new Result(page.items(), page.page().totalItems());
    }
    List<Long> keys = new ArrayList<>();
    String variable;
    String value;
    if (present(criteria.orderId())) {
      orders.order(criteria.orderId().trim()).map(OrderLookup.OrderRef::journeyKey).filter(Objects::nonNull)
          .ifPresent(keys::add);
      variable = "orderId";
      value = criteria.orderId().trim();
    } else {
      orders.ofCustomer(criteria.customerId().trim(), EngineReads.PAGE).stream().map(OrderLookup.OrderRef::journeyKey)
          .filter(Objects::nonNull).forEach(keys::add);
      variable = "customerId";
      value = criteria.customerId().trim();
    }
    List<ProcessInstance> found = new ArrayList<>();
    if (!keys.isEmpty()) {
      found.addAll(engine.instances(common.andThen(f -> f.processInstanceKey(k -> k.in(keys))), 0).items());
    }
    for (ProcessInstance running : engine.instances(common.andThen(f -> f.variables(Map.of(variable, value))), 0).items()) {
      if (found.stream().noneMatch(i -> i.getProcessInstanceKey().equals(running.getProcessInstanceKey()))) {
        found.add(running);
      }
    }
    found.sort((a, b) -> Long.compare(b.getProcessInstanceKey(), a.getProcessInstanceKey()));
    return new Result(found, found.size());
  }

  private static Consumer<ProcessInstanceFilter> common(Criteria criteria) {
    OffsetDateTime after = time(criteria.from(), "from");
    OffsetDateTime before = time(criteria.to(), "to");
    String state = present(criteria.state()) ? criteria.state().trim().toUpperCase(Locale.ROOT) : null;
    if (state != null && !List.of("ACTIVE", "COMPLETED", "TERMINATED", "INCIDENT").contains(state)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "Expected state to be one of active, incident, completed, terminated, but got '" + criteria.state() + "'");
    }
    return f -> {
      if (present(criteria.journey())) {
        f.processDefinitionId(criteria.journey().trim());
      }
      if ("INCIDENT".equals(state)) {
        f.state(ProcessInstanceState.ACTIVE).hasIncident(true);
      } else if (state != null) {
        f.state(ProcessInstanceState.valueOf(state));
      }
      if (after != null || before != null) {
        f.startDate(d -> {
          if (after != null) {
            d.gte(after);
          }
          if (before != null) {
            d.lt(before);
          }
        });
      }
    };
  }

  private static OffsetDateTime time(String text, String field) {
    if (!present(text)) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.trim()).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "Expected " + field + " as yyyy-MM-ddTHH:mm (UTC), but got '" + text + "'");
    }
  }

  static boolean present(String text) {
    return text != null && !text.isBlank();
  }
}
