package dev.journeys.notify;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Shows what the sandboxes caught, so a developer without SMTP server or provider accounts sees
 * every message: one listing per channel (GET /api/sandbox/messages for email, /api/sandbox/sms, ...),
 * empty when that channel sends for real.
 */
@RestController
class SandboxController {

  private static final int MAX_LIMIT = 500;

  private final Channels channels;

  SandboxController(Channels channels) {
    this.channels = channels;
  }

  /** The sandbox listings there are, one per channel. */
  @GetMapping("/api/sandbox")
  List<String> sandboxes() {
    return channels.sandboxes().stream().map(Channels.Sandbox::name).toList();
  }

  /** The newest messages first. */
  @GetMapping("/api/sandbox/{name}")
  List<?> latest(@PathVariable String name, @RequestParam(defaultValue = "50") int limit) {
    MessageChannel channel = channels.bySandboxName(name).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "Expected a sandbox among " + sandboxes() + ", but got '" + name + "'"));
    return channel.sandbox(Math.clamp(limit, 1, MAX_LIMIT));
  }
}
