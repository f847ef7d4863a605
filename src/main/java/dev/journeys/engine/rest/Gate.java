package dev.journeys.engine.rest;

import com.sun.net.httpserver.HttpExchange;
import dev.journeys.engine.EngineSecurity;
import dev.journeys.engine.auth.Unauthenticated;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every REST request must pass before a handler sees it. The port speaks to programs (the Camunda
 * client), never to browsers, so: a Host header naming something the engine is not known as is refused
 * (a DNS-rebinding page), a request carrying a browser's Origin header is refused (a page on the same
 * machine posting cancellations), then the credentials, then a body no larger than the limit and
 * declared as JSON (no {@code text/plain} form post slips through).
 */
final class Gate {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern JSON = Pattern.compile("application/([\\w.+-]+\\+)?json(\\s*;.*)?",
      Pattern.CASE_INSENSITIVE);

  private final EngineSecurity security;
  private final Set<String> names = new HashSet<>();

  Gate(EngineSecurity security, String bindHost) {
    this.security = security;
    names.add("localhost");
    names.add(bindHost.toLowerCase(Locale.ROOT));
    security.hostNames().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
  }

  /** Checks the request's headers and credentials; then reads its body within the limit. */
  byte[] admit(HttpExchange exchange, InputStream in) {
    checkHost(exchange.getRequestHeaders().getFirst("Host"));
    if (exchange.getRequestHeaders().containsKey("Origin")) {
      throw new Problem(403, "FORBIDDEN", "Expected a call from a program such as the Camunda client, but this one "
          + "carries an Origin header, as a web page's does; the engine's REST port does not serve browsers");
    }
    try {
      security.auth().authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
    } catch (Unauthenticated refused) {
      throw new Problem(401, "UNAUTHENTICATED", refused.getMessage());
    }
    byte[] body = body(exchange, in);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (body.length > 0 && (type == null || !JSON.matcher(type.trim()).matches())) {
      throw new Problem(415, "UNSUPPORTED_MEDIA_TYPE", "Expected a request body of Content-Type application/json, "
          + "but it is " + (type == null ? "undeclared" : type));
    }
    return body;
  }

  String challenge() {
    return security.auth().challenge();
  }

  private void checkHost(String header) {
    if (header == null || header.isBlank()) {
      throw new Problem(421, "MISDIRECTED_REQUEST", "Expected a Host header naming the engine, but there is none");
    }
    String host = hostOf(header.trim().toLowerCase(Locale.ROOT));
    boolean known = IPV4.matcher(host).matches() || host.startsWith("[") || names.contains(host)
        || host.endsWith(".localhost");
    if (!known) {
      throw new Problem(421, "MISDIRECTED_REQUEST", "Expected the Host header to name this engine (an IP address, "
          + "localhost, journeys.engine.host or a name listed in journeys.engine.host-names), but it is '" + host
          + "'");
    }
  }

  private static String hostOf(String header) {
    if (header.startsWith("[")) {
      int end = header.indexOf(']');
      return end < 0 ? header : header.substring(0, end + 1);
    }
    int colon = header.lastIndexOf(':');
    return colon < 0 ? header : header.substring(0, colon);
  }

  private byte[] body(HttpExchange exchange, InputStream in) {
    long limit = security.maxRequestBody();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declared.trim().matches("\\d{1,18}") && Long.parseLong(declared.trim()) > limit) {
      throw tooLarge(limit);
    }
    try {
      byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Problem tooLarge(long limit) {
    return new Problem(413, "PAYLOAD_TOO_LARGE", "Expected a request body of at most " + limit
        + " bytes (journeys.engine.max-request-body), but it is larger");
  }
}
