package dev.journeys.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/**
 * A shop event of a kind configured under journeys.events, e.g. a review posted.
 *
 * @param name the event's name, as configured (journeys.events.&lt;name&gt;)
 * @param id the sender's id of this event: a repeat with the same name and id changes nothing
 * @param occurredAt when it happened, if the sender knows
 * @param data the event's fields; the mapping says which become message variables
 */
record CustomEventRequest(
    @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*") String name,
    @NotBlank @Size(max = 200) String id,
    Instant occurredAt,
    Map<String, Object> data) {

  String businessKey(String subject) {
    return "api:event:" + name + ":" + subject + ":" + id;
  }
}
