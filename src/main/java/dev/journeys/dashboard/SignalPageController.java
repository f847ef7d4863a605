package dev.journeys.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Shop-wide signals ("stop all marketing today", "holiday delays"): the signals sent so far, with
 * who sent them, for everyone who may read the dashboard; the form to broadcast one to every
 * journey waiting for it, for admins only (the server refuses anyone else's POST).
 */
@Controller
class SignalPageController {

  private static final Logger log = LoggerFactory.getLogger(SignalPageController.class);
  private static final int SHOWN = 50;

  private final SignalBroadcasts signals;
  private final RoleHierarchy roles;

  SignalPageController(SignalBroadcasts signals, RoleHierarchy roles) {
    this.signals = signals;
    this.roles = roles;
  }

  @GetMapping("/dashboard/signals")
  String page(Authentication who, Model model) {
    model.addAttribute("sent", signals.recent(SHOWN));
    model.addAttribute("canBroadcast", who != null && roles.getReachableGrantedAuthorities(who.getAuthorities())
        .stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")));
    model.addAttribute("page", "signals");
    return "dashboard/signals";
  }

  @PostMapping("/dashboard/signals")
  String broadcast(@RequestParam(required = false) String signalName, @RequestParam(required = false) String variables,
      Authentication who, RedirectAttributes flash) {
    SignalBroadcasts.Sent sent;
    try {
      sent = signals.send(signalName, variables, who.getName());
    } catch (SignalBroadcasts.BadField e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("{} could not broadcast signal '{}': {}", who.getName(), signalName, e.getMessage());
      flash.addFlashAttribute("problem", "Could not broadcast signal '" + signalName + "': " + e.getMessage());
      return "redirect:/dashboard/signals";
    }
    log.info("{} broadcast signal '{}' (key {})", who.getName(), sent.name(), sent.key());
    flash.addFlashAttribute("notice", "Signal '" + sent.name() + "' broadcast (key " + sent.key()
        + "); every journey waiting for it has it now.");
    return "redirect:/dashboard/signals";
  }
}
