package dev.journeys.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. People log in to the dashboard (form login from journeys.security.users, or
 * OIDC when spring.security.oauth2.client.* configures a provider) and get a session with CSRF
 * protection; programs call /api/** with a bearer token; webhooks and customers' links carry their
 * own signatures and pass unauthenticated.
 */
@Configuration
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
    type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /** Called by machines (the shop, the SMS provider) many times a second, each signed. */
  static final String[] WEBHOOKS = {"/api/webhooks/**", "/webhooks/**"};

  /**
   * Customers' links, authenticated by their own signed token, never by a login. (Webhooks, signed
   * too, never reach this chain: they have their own.)
   */
  static final String[] SIGNED = {"/preferences/**", "/api/unsubscribe/**", "/api/feedback/orders/**", "/links/**"};

  /**
   * What anyone may read: the login, and the health a load balancer probes (the overall status only:
   * its components and their details show to a logged-in user, management.endpoint.health.*).
   */
  private static final String[] OPEN = {
    "/login", "/error", "/dashboard/assets/**", "/favicon.ico",
    "/actuator/health", "/actuator/health/**", "/actuator/info",
  };

  /** The API's description names every endpoint and field: for ops, and only where springdoc.api-docs.enabled. */
  private static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /**
   * Webhooks get a chain of their own with only what a signed machine call needs: no session, no
   * saved request, no CSRF token, no login. Each controller verifies the signature itself; the
   * full chain cost more CPU per webhook than storing the event did.
   */
  @Bean
  @Order(1)
  SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher(WEBHOOKS)
        .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
        .sessionManagement(session -> session.disable())
        .securityContext(context -> context.disable())
        .requestCache(cache -> cache.disable())
        .csrf(csrf -> csrf.disable())
        .logout(logout -> logout.disable());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain journeysSecurity(HttpSecurity http, SecurityProperties properties,
      ObjectProvider<ClientRegistrationRepository> oidcProviders) throws Exception {
    ApiTokens tokens = new ApiTokens(properties.apiTokens());
    http.addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class);
    http.authorizeHttpRequests(this::rules);
    http.csrf(csrf -> csrf.requireCsrfProtectionMatcher(csrfNeeded()));
    http.formLogin(form -> form.defaultSuccessUrl("/dashboard", false).permitAll());
    http.logout(logout -> logout.logoutSuccessUrl("/login?logout"));
    http.exceptionHandling(errors -> errors
        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), SecurityConfiguration::isApi)
        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true));
    ClientRegistrationRepository oidc = oidcProviders.getIfAvailable();
    if (oidc != null) {
      log.info("OIDC login enabled (spring.security.oauth2.client.registration.*); roles from claim '{}'",
          properties.oidc().rolesClaim());
      http.oauth2Login(login -> login.defaultSuccessUrl("/dashboard", false)
          .userInfoEndpoint(info -> info.userAuthoritiesMapper(new OidcRoles(properties.oidc()))));
    }
    if (properties.users().stream().anyMatch(u -> "dev".equals(u.username()))) {
      log.warn("DEVELOPMENT LOGIN ACTIVE: user 'dev' with password 'dev' (the dev profile, application-dev.yml). "
          + "Never run the dev profile where anyone else can reach it.");
    }
    if (properties.users().isEmpty() && oidc == null) {
      log.warn("No dashboard login is configured (journeys.security.users or OIDC): nobody can log in to /dashboard. "
          + "README, \"Access control\", shows how to add one.");
    }
    return http.build();
  }

  private void rules(
      org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer<HttpSecurity>
          .AuthorizationManagerRequestMatcherRegistry rules) {
    rules.requestMatchers(SIGNED).permitAll()
        .requestMatchers(OPEN).permitAll()
        // metrics name journeys, channels and volumes: a scraper's token (role metrics) or a viewer
        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole("METRICS")
        .requestMatchers(HttpMethod.GET, API_DOCS).hasRole("VIEWER")
        // a rating link (GET /api/feedback/{token}) is signed; the summary is for ops
        .requestMatchers(HttpMethod.GET, "/api/feedback/summary").hasRole("VIEWER")
        .requestMatchers(HttpMethod.GET, "/api/feedback/*").permitAll()
        // confirming a rating: the signed token is the credential
        .requestMatchers(HttpMethod.POST, "/api/feedback/*", "/api/feedback/*/fresh-link").permitAll()
        .requestMatchers(HttpMethod.POST, "/api/orders", "/api/orders/*/shipments", "/api/orders/*/cancellation",
            "/api/orders/*/events", "/api/customers/*/events")
            .hasRole("SHOP")
        // bounces the shop's mail provider reports after accepting an email (message outcomes)
        .requestMatchers(HttpMethod.POST, "/api/notify/bounces").hasRole("SHOP")
        .requestMatchers(HttpMethod.GET, "/api/orders/*").hasAnyRole("SHOP", "VIEWER")
        .requestMatchers("/api/admin/**").hasRole("ADMIN")
        // the shop's app registers its customers' push devices; ops may look
        .requestMatchers(HttpMethod.GET, "/api/customers/*/devices").hasAnyRole("SHOP", "VIEWER")
        .requestMatchers("/api/customers/*/devices").hasRole("SHOP")
        // the journey studio: marketers edit, lint, publish and roll back journeys
        .requestMatchers("/api/studio/**", "/dashboard/studio/**").hasRole("MARKETER")
        // a simulation runs on its own in-memory copy of the app: nothing of this one changes
        .requestMatchers(HttpMethod.POST, "/api/simulations", "/dashboard/simulate").hasAnyRole("OPERATOR", "MARKETER")
        .requestMatchers(HttpMethod.POST, "/api/inbox/*/retry").hasRole("OPERATOR")
        // parked shop events: retried or discarded (kept, with who and when), one by one or in bulk
        .requestMatchers(HttpMethod.POST, "/api/inbox/*/discard", "/api/inbox/retry", "/api/inbox/discard",
            "/dashboard/parked/**").hasRole("OPERATOR")
        .requestMatchers(HttpMethod.POST, "/dashboard/incidents/*/retry", "/dashboard/instances/*/cancellation")
            .hasRole("OPERATOR")
        // every open incident of one kind retried at once
        .requestMatchers(HttpMethod.POST, "/dashboard/incidents/retry").hasRole("OPERATOR")
        // a signal reaches every journey waiting for it (a shop-wide "stop all marketing today")
        .requestMatchers(HttpMethod.POST, "/dashboard/signals").hasRole("ADMIN")
        .requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard/**", "/api/**").hasRole("VIEWER")
        .requestMatchers("/actuator/**").hasRole("ADMIN")
        // anything else that changes state (engine clock, future admin actions) is the admin's
        .requestMatchers("/api/**", "/dashboard/**").hasRole("ADMIN")
        .anyRequest().authenticated();
  }

  /**
   * CSRF guards requests whose credentials a browser adds by itself (the session cookie): every
   * unsafe page request, and unsafe API requests that carry a session. A bearer token is never
   * added by a browser, and signed links and webhooks have no session to ride on.
   */
  private static RequestMatcher csrfNeeded() {
    RequestMatcher signed = new org.springframework.security.web.util.matcher.OrRequestMatcher(
        java.util.Arrays.stream(SIGNED)
            .map(p -> (RequestMatcher) org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher
                .withDefaults().matcher(p))
            .toList());
    return request -> !SAFE_METHODS.contains(request.getMethod())
        && !ApiTokenFilter.carriesBearer(request)
        && !signed.matches(request)
        && (!isApi(request) || request.getRequestedSessionId() != null);
  }

  private static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/api-docs");
  }

  /**
   * Spring Security's strict firewall, letting an encoded percent through (an order id like "a%b"
   * sent encoded) so the API's own validation answers 400 naming the field; nothing here decodes a
   * path twice. Encoded slashes, periods, semicolons and the like stay refused.
   */
  @Bean
  org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
    var firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
    firewall.setAllowUrlEncodedPercent(true);
    return firewall;
  }

  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role("ADMIN").implies("OPERATOR", "SHOP", "MARKETER")
        .role("OPERATOR").implies("VIEWER")
        .role("VIEWER").implies("METRICS")
        .role("MARKETER").implies("VIEWER")
        .build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /** The configured logins; none configured means nobody logs in with a password (no generated one). */
  @Bean
  UserDetailsService users(SecurityProperties properties) {
    List<UserDetails> users = properties.users().stream().map(SecurityConfiguration::user).toList();
    Set<String> seen = new HashSet<>();
    for (UserDetails user : users) {
      if (!seen.add(user.getUsername())) {
        throw new IllegalArgumentException("Expected each journeys.security.users username once, but '"
            + user.getUsername() + "' repeats");
      }
    }
    return new InMemoryUserDetailsManager(users);
  }

  private static UserDetails user(SecurityProperties.User user) {
    String where = "journeys.security.users[" + user.username() + "]";
    if (user.username() == null || user.username().isBlank()) {
      throw new IllegalArgumentException("Expected every journeys.security.users entry to have a username, but one has none");
    }
    if (user.passwordHash() == null || !user.passwordHash().matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
      throw new IllegalArgumentException("Expected " + where + ".password-hash to be a bcrypt hash ($2y$12$...), "
          + "e.g. from htpasswd -nbBC 12 \"\" 'password', but it is not");
    }
    Role role = Role.parse(user.role(), where + ".role");
    if (role == Role.SHOP) {
      throw new IllegalArgumentException("Expected " + where + ".role to be viewer, operator, marketer or admin: shop is for API tokens");
    }
    return User.withUsername(user.username()).password(user.passwordHash()).roles(role.name()).build();
  }
}
