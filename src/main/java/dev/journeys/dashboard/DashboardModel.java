package dev.journeys.dashboard;

import java.util.Collection;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dashboard page shows about the person looking: their name and whether they may act. */
@ControllerAdvice(basePackageClasses = DashboardModel.class)
class DashboardModel {

  private final RoleHierarchy roles;
  private final String operateUrl;

  // A setting read directly, not through DashboardProperties: every controller slice of another module
  // gets this advice, and needs nothing of the dashboard's configuration for it.
  DashboardModel(RoleHierarchy roles,
      @org.springframework.beans.factory.annotation.Value("${journeys.dashboard.operate-url:}") String operateUrl) {
    this.roles = roles;
    this.operateUrl = operateUrl == null || operateUrl.isBlank() ? null : operateUrl;
  }

  /** Camunda Operate's address when configured (journeys.dashboard.operate-url): a link in the navigation. */
  @ModelAttribute("operateUrl")
  String operateUrl() {
    return operateUrl;
  }

  /** A bad search or an unknown key: the status and what was wrong, naming the field, as plain text. */
  @org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.web.server.ResponseStatusException.class)
  org.springframework.http.ResponseEntity<String> problem(org.springframework.web.server.ResponseStatusException e) {
    return org.springframework.http.ResponseEntity.status(e.getStatusCode())
        .contentType(org.springframework.http.MediaType.TEXT_PLAIN).body(e.getReason());
  }

  /**
   * The engine's search API did not answer (in camunda mode: a cluster without Elasticsearch or
   * OpenSearch behind it, or one that is away). A page that says so and which pages need it, with the
   * navigation to those that do not, instead of an error page.
   */
  @org.springframework.web.bind.annotation.ExceptionHandler(io.camunda.client.api.command.ClientException.class)
  org.springframework.web.servlet.ModelAndView searchUnavailable(io.camunda.client.api.command.ClientException e,
      Authentication who) {
    var page = new org.springframework.web.servlet.ModelAndView("dashboard/search-unavailable");
    page.setStatus(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);
    page.addObject("reason", e instanceof io.camunda.client.api.command.ProblemException problem && problem.details() != null
        ? problem.details().getStatus() + " " + problem.details().getTitle() + ": " + problem.details().getDetail()
        : String.valueOf(e.getMessage()));
    page.addObject("user", user(who));
    page.addObject("canOperate", canOperate(who));
    page.addObject("canEdit", canEdit(who));
    page.addObject("operateUrl", operateUrl);
    page.addObject("page", "");
    return page;
  }

  @ModelAttribute("user")
  String user(Authentication who) {
    return who == null ? null : who.getName();
  }

  /** Operators and admins see the retry and cancel buttons (the server checks again on POST). */
  @ModelAttribute("canOperate")
  boolean canOperate(Authentication who) {
    return has(who, "ROLE_OPERATOR");
  }

  /** Marketers and admins edit journeys in the studio. */
  @ModelAttribute("canEdit")
  boolean canEdit(Authentication who) {
    return has(who, "ROLE_MARKETER");
  }

  /** Operators run simulations for ops, marketers to try a journey. */
  @ModelAttribute("canSimulate")
  boolean canSimulate(Authentication who) {
    return has(who, "ROLE_OPERATOR") || has(who, "ROLE_MARKETER");
  }

  private boolean has(Authentication who, String authority) {
    if (who == null) {
      return false;
    }
    Collection<? extends GrantedAuthority> reachable = roles.getReachableGrantedAuthorities(who.getAuthorities());
    return reachable.stream().anyMatch(a -> a.getAuthority().equals(authority));
  }
}
