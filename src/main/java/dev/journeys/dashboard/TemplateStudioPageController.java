package dev.journeys.dashboard;

import dev.journeys.notify.MessageTemplates;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The studio's message template pages: the list of templates and their locales, and the editor of
 * one template's locale (a textarea per part beside a live preview), which does everything through
 * /api/studio/templates from templates.js. Marketers and admins only (as all of /dashboard/studio).
 */
@Controller
class TemplateStudioPageController {

  private final MessageTemplates templates;

  TemplateStudioPageController(MessageTemplates templates) {
    this.templates = templates;
  }

  @GetMapping("/dashboard/studio/templates")
  String list(Model model) {
    model.addAttribute("templates", templates.templates());
    model.addAttribute("page", "studio");
    return "dashboard/studio-templates";
  }

  @GetMapping("/dashboard/studio/templates/{template}/{locale}")
  String editor(@PathVariable String template, @PathVariable String locale, Model model) {
    List<MessageTemplates.File> files;
    try {
      files = templates.files(template, locale);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    model.addAttribute("template", template);
    model.addAttribute("locale", locale);
    model.addAttribute("files", files);
    model.addAttribute("shared", MessageTemplates.SHARED.equals(template));
    model.addAttribute("page", "studio");
    return "dashboard/studio-template";
  }
}
