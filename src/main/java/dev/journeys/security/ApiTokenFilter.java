package dev.journeys.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request carrying {@code Authorization: Bearer <token>} as the token's holder, for
 * this request only (no session). A bearer token that is not configured is refused with 401 at once,
 * rather than falling through to anonymous, so a mistyped token is noticed.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

  static final String PREFIX = "Bearer ";

  private final ApiTokens tokens;

  ApiTokenFilter(ApiTokens tokens) {
    this.tokens = tokens;
  }

  static boolean carriesBearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!carriesBearer(request)) {
      chain.doFilter(request, response);
      return;
    }
    String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(PREFIX.length()).trim();
    var holder = tokens.find(token);
    if (holder.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.getWriter().write("{\"status\":401,\"title\":\"Unauthorized\",\"detail\":"
          + "\"Expected a bearer token configured under journeys.security.api-tokens, but this one is not\"}");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
        "token:" + holder.get().name(), null, List.of(new SimpleGrantedAuthority(holder.get().role().authority()))));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
