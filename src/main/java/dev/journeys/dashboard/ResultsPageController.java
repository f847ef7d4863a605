package dev.journeys.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What the journeys achieve, for marketers and owners: the entry to the results pages (customer
 * satisfaction, the funnel per journey version, message outcomes, delivery honesty). Each page
 * has its own controller; this one only says what each answers.
 */
@Controller
class ResultsPageController {

  @GetMapping("/dashboard/results")
  String results(Model model) {
    model.addAttribute("page", "results");
    return "dashboard/results";
  }
}
