package dev.journeys.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sandbox outbox: what customers would have received while no SMTP server or SMS account is
 * configured, rendered as they would see it. The page reads the sandbox's own JSON API
 * (/api/sandbox/messages, /api/sandbox/sms) so it shows whatever the channels put there.
 */
@Controller
class SandboxPageController {

  @GetMapping("/dashboard/sandbox")
  String sandbox(Model model) {
    model.addAttribute("page", "sandbox");
    return "dashboard/sandbox";
  }
}
