package dev.journeys.engine.spring;

import dev.journeys.engine.clock.ControlledClock;
import dev.journeys.engine.clock.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Moves the engine's time, only when {@code journeys.engine.clock=controlled} (embedded engine): for tests and demos of
 * year-long journeys. Never present by default.
 */
@RestController
@RequestMapping("/api/engine/clock")
@ConditionalOnExpression(
    "'${journeys.engine.clock:system}' == 'controlled' and '${journeys.engine.mode:embedded}' == 'embedded'")
class EngineClockController {

  private final ControlledClock clock;

  EngineClockController(EngineClock clock) {
    this.clock = (ControlledClock) clock;
  }

  /** The body of a clock change: move forward by an ISO-8601 duration, or to an instant. */
  record ClockChange(Duration advance, Instant to) {}

  @GetMapping
  Map<String, Instant> now() {
    return Map.of("now", clock.instant());
  }

  @PostMapping
  Map<String, Instant> change(@RequestBody ClockChange change) {
    if ((change.advance() == null) == (change.to() == null)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "Expected exactly one of 'advance' (an ISO-8601 duration) or 'to' (an instant), but got "
              + (change.advance() == null ? "neither" : "both"));
    }
    try {
      if (change.advance() != null) {
        clock.advance(change.advance());
      } else {
        clock.setTo(change.to());
      }
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    return now();
  }
}
