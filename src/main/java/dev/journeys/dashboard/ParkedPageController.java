package dev.journeys.dashboard;

import dev.journeys.orders.ParkedEvents;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Shop events that are parked: why, what kind of news about which order, and the operator's way
 * out for each, for several at once or for every one parked for the same reason: retry (back in
 * line) or discard (kept as discarded, with who and when). No bodies, no contact details.
 */
@Controller
class ParkedPageController {

  private static final int PAGE = 50;

  private final ParkedEvents parked;

  ParkedPageController(ParkedEvents parked) {
    this.parked = parked;
  }

  @GetMapping("/dashboard/parked")
  String page(@RequestParam(required = false) String reason, @RequestParam(required = false) Long before, Model model) {
    List<ParkedEvents.Parked> events = checked(() -> parked.list(reason, before, PAGE));
    List<ParkedEvents.Reason> reasons = parked.reasons();
    model.addAttribute("reasons", reasons);
    model.addAttribute("total", reasons.stream().mapToLong(ParkedEvents.Reason::count).sum());
    model.addAttribute("events", events);
    model.addAttribute("reason", reason == null || reason.isBlank() ? null : reason);
    model.addAttribute("next", events.size() == PAGE ? events.getLast().id() : null);
    model.addAttribute("page", "parked");
    return "dashboard/parked";
  }

  @PostMapping("/dashboard/parked/{id}/retry")
  String retryOne(@PathVariable long id, @RequestParam(required = false) String back, Authentication who,
      RedirectAttributes flash) {
    ParkedEvents.Outcome done = parked.retry(List.of(id), who.getName());
    say(flash, done.count() == 1, "Event " + id + " is back in line.", "Event " + id + " is not parked (any more).");
    return redirect(back);
  }

  @PostMapping("/dashboard/parked/{id}/discard")
  String discardOne(@PathVariable long id, @RequestParam(required = false) String back, Authentication who,
      RedirectAttributes flash) {
    ParkedEvents.Outcome done = parked.discard(List.of(id), who.getName());
    say(flash, done.count() == 1, "Event " + id + " discarded (kept as discarded, by " + who.getName() + ").",
        "Event " + id + " is not parked (any more).");
    return redirect(back);
  }

  /** The selected events ({@code ids}), or all those parked for {@code reason} up to event {@code upTo}. */
  @PostMapping("/dashboard/parked/retry")
  String retryMany(@RequestParam(required = false) List<String> ids, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String upTo, @RequestParam(required = false) String back, Authentication who,
      RedirectAttributes flash) {
    ParkedEvents.Outcome done = checked(() -> reason != null && !reason.isBlank()
        ? parked.retryAll(reason, bound(upTo), who.getName())
        : parked.retry(ids(ids), who.getName()));
    flash.addFlashAttribute("notice", done.count() + " event(s) back in line" + skipped(done) + ".");
    return redirect(back);
  }

  @PostMapping("/dashboard/parked/discard")
  String discardMany(@RequestParam(required = false) List<String> ids, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String upTo, @RequestParam(required = false) String back, Authentication who,
      RedirectAttributes flash) {
    ParkedEvents.Outcome done = checked(() -> reason != null && !reason.isBlank()
        ? parked.discardAll(reason, bound(upTo), who.getName())
        : parked.discard(ids(ids), who.getName()));
    flash.addFlashAttribute("notice", done.count() + " event(s) discarded" + skipped(done) + ".");
    return redirect(back);
  }

  private static String skipped(ParkedEvents.Outcome done) {
    return done.notParked().isEmpty() ? "" : "; not parked (any more): " + done.notParked();
  }

  private static void say(RedirectAttributes flash, boolean ok, String notice, String problem) {
    flash.addFlashAttribute(ok ? "notice" : "problem", ok ? notice : problem);
  }

  private static List<Long> ids(List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw bad("ids", "Expected ids (the selected events) or reason, but got neither");
    }
    List<Long> parsed = new ArrayList<>();
    for (String id : ids) {
      try {
        parsed.add(Long.parseLong(id.trim()));
      } catch (NumberFormatException e) {
        throw bad("ids", "Expected ids to be event ids, but got '" + id + "'");
      }
    }
    return parsed;
  }

  private static long bound(String upTo) {
    if (upTo == null || upTo.isBlank()) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(upTo.trim());
    } catch (NumberFormatException e) {
      throw bad("upTo", "Expected upTo to be an event id, but got '" + upTo + "'");
    }
  }

  private static <T> T checked(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (ParkedEvents.InvalidRequest e) {
      throw bad(e.field(), e.field() + " " + e.getMessage());
    }
  }

  private static ResponseStatusException bad(String field, String message) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }

  /** Back to the page the form was on (its reason filter), never off the dashboard. */
  private static String redirect(String back) {
    String target = back != null && back.startsWith("/dashboard/parked") && !back.startsWith("//") ? back : "/dashboard/parked";
    return "redirect:" + UriComponentsBuilder.fromUriString(target).build().toUriString();
  }
}
