package dev.journeys.notify;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shows what the sandbox caught, so a developer without an SMTP server can see every email. */
@RestController
class SandboxController {

  private static final int MAX_LIMIT = 500;

  private final SandboxMailbox mailbox;

  SandboxController(SandboxMailbox mailbox) {
    this.mailbox = mailbox;
  }

  /** The newest messages first; empty when email goes to a real SMTP server. */
  @GetMapping("/api/sandbox/messages")
  List<SandboxMailbox.SandboxMessage> messages(@RequestParam(defaultValue = "50") int limit) {
    return mailbox.latest(Math.clamp(limit, 1, MAX_LIMIT));
  }
}
