package dev.journeys.notify;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shows what the sandboxes caught, so a developer without SMTP server or SMS account sees every message. */
@RestController
class SandboxController {

  private static final int MAX_LIMIT = 500;

  private final SandboxMailbox mailbox;
  private final JdbcClient jdbc;

  SandboxController(SandboxMailbox mailbox, JdbcClient jdbc) {
    this.mailbox = mailbox;
    this.jdbc = jdbc;
  }

  /** The newest messages first; empty when email goes to a real SMTP server. */
  @GetMapping("/api/sandbox/messages")
  List<SandboxMailbox.SandboxMessage> messages(@RequestParam(defaultValue = "50") int limit) {
    return mailbox.latest(Math.clamp(limit, 1, MAX_LIMIT));
  }

  /** The newest SMS first; empty when SMS go to a real provider (journeys.sms.account-sid set). */
  @GetMapping("/api/sandbox/sms")
  List<SandboxSmsTransport.SandboxSms> sms(@RequestParam(defaultValue = "50") int limit) {
    return SandboxSmsTransport.latest(jdbc, Math.clamp(limit, 1, MAX_LIMIT));
  }

  @GetMapping("/api/sandbox/push")
  List<SandboxPushTransport.SandboxPush> push(@RequestParam(defaultValue = "50") int limit) {
    return SandboxPushTransport.latest(jdbc, Math.clamp(limit, 1, MAX_LIMIT));
  }
}
