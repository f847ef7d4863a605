package dev.journeys.dashboard;

import dev.journeys.notify.Channels;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sandbox outbox: what customers would have received while a channel has no server or account
 * configured, rendered as they would see it. One section per channel notify has; the page reads
 * each channel's sandbox JSON (/api/sandbox/{name}) so it shows whatever the channels put there.
 */
@Controller
class SandboxPageController {

  private final Channels channels;

  SandboxPageController(Channels channels) {
    this.channels = channels;
  }

  @GetMapping("/dashboard/sandbox")
  String sandbox(Model model) {
    model.addAttribute("page", "sandbox");
    model.addAttribute("sandboxes", channels.sandboxes());
    return "dashboard/sandbox";
  }
}
