package dev.journeys.engine.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches requests to handlers by method and path template ({@code /v2/incidents/{incidentKey}}) and
 * turns every failure into problem JSON: what we refuse is a 4xx, what Camunda offers and we do not
 * is a 501 naming the endpoint, anything unexpected a 500.
 */
final class Router implements HttpHandler {

  /** Answers one call. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  private record Route(String method, Pattern pattern, List<String> names, Handler handler) {}

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

  private final List<Route> routes = new ArrayList<>();
  private final Gate gate;

  Router(Gate gate) {
    this.gate = gate;
  }

  void add(String method, String template, Handler handler) {
    List<String> names = new ArrayList<>();
    Matcher variables = VARIABLE.matcher(template);
    StringBuilder regex = new StringBuilder();
    while (variables.find()) {
      names.add(variables.group(1));
      variables.appendReplacement(regex, "([^/]+)");
    }
    variables.appendTail(regex);
    routes.add(new Route(method, Pattern.compile(regex.toString()), names, handler));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Reply reply;
    try (InputStream in = exchange.getRequestBody()) {
      reply = dispatch(exchange.getRequestMethod(), path, gate.admit(exchange, in));
    } catch (Problem problem) {
      if (problem.status() == 401) {
        exchange.getResponseHeaders().set("WWW-Authenticate", gate.challenge());
      }
      reply = Reply.problem(problem, path);
    } catch (RuntimeException e) {
      LOG.warn("Engine REST request {} {} failed unexpectedly", exchange.getRequestMethod(), path, e);
      reply = Reply.problem(new Problem(500, "INTERNAL_ERROR",
          "Expected to answer the request, but the engine failed: " + e.getMessage()), path);
    }
    write(exchange, reply);
  }

  private Reply dispatch(String method, String path, byte[] body) {
    for (Route route : routes) {
      Matcher matcher = route.pattern().matcher(path);
      if (route.method().equals(method) && matcher.matches()) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < route.names().size(); i++) {
          variables.put(route.names().get(i), matcher.group(i + 1));
        }
        return route.handler().handle(new Call(method, path, variables, body));
      }
    }
    if (path.startsWith("/v2/")) {
      throw Problem.notImplemented(method, path);
    }
    throw Problem.notFound("Expected a path of Camunda's REST API under /v2/, but got %s", path);
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    try (exchange) {
      if (reply.body() == null) {
        exchange.sendResponseHeaders(reply.status(), -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }
}
