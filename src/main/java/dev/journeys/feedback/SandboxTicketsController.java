package dev.journeys.feedback;

import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shows the tickets the sandbox caught, newest first; empty when a real helpdesk is configured. */
@RestController
class SandboxTicketsController {

  private final SandboxHelpdesk sandbox;

  // By name: when the sandbox is the live helpdesk, the Helpdesk bean is this same object too.
  SandboxTicketsController(@Qualifier("sandboxHelpdesk") SandboxHelpdesk sandbox) {
    this.sandbox = sandbox;
  }

  @GetMapping("/api/sandbox/tickets")
  List<SandboxHelpdesk.SandboxTicket> tickets(@RequestParam(defaultValue = "50") int limit) {
    return sandbox.latest(Math.clamp(limit, 1, 500));
  }
}
