package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST port serves programs, not browsers: a page on the same machine must not cancel journeys
 * with a text/plain post, a DNS-rebinding page must not read through a name of its own, and nobody may
 * make the engine read an endless body. Raw HTTP, since a well-behaved client cannot send these.
 */
class RequestGateTest {

  private final EngineHarness engine = EngineHarness.inMemory();
  private long instanceKey;

  @BeforeEach
  void start() {
    engine.deploy(Journeys.order());
    instanceKey = engine.createInstance(Journeys.ORDER, Map.of("orderId", "o-1")).getProcessInstanceKey();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aTextPlainCancellationIsRefusedAndTheJourneyRuns() {
    String answer = send("POST", "/v2/process-instances/" + instanceKey + "/cancellation", host(),
        Map.of("Content-Type", "text/plain"), "{}");

    assertThat(answer).startsWith("HTTP/1.1 415").contains("Content-Type application/json").contains("text/plain");
    assertThat(engine.isActive(instanceKey)).isTrue();
  }

  @Test
  void aBodyWithoutContentTypeIsRefused() {
    String answer = send("POST", "/v2/process-instances/search", host(), Map.of(), "{}");

    assertThat(answer).startsWith("HTTP/1.1 415").contains("undeclared");
  }

  @Test
  void aJsonBodyIsServed() {
    String answer = send("POST", "/v2/process-instances/search", host(),
        Map.of("Content-Type", "application/json; charset=utf-8"), "{}");

    assertThat(answer).startsWith("HTTP/1.1 200");
  }

  @Test
  void aBodyOverTheLimitIsRefusedUnread() {
    // declares 2 MB and sends a few bytes: the engine answers from the declared length, reading nothing
    String answer = send("POST", "/v2/process-instances/search", host(), Map.of("Content-Type", "application/json",
        "Content-Length", String.valueOf(2 * 1024 * 1024)), "{\"filter\":");

    assertThat(answer).startsWith("HTTP/1.1 413").contains("at most 1048576 bytes");
  }

  @Test
  void aStreamedBodyOverTheLimitIsRefused() {
    String chunk = "x".repeat(64 * 1024);
    StringBuilder chunks = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    chunks.append("0\r\n\r\n");

    String answer = send("POST", "/v2/process-instances/search", host(), Map.of("Content-Type", "application/json",
        "Transfer-Encoding", "chunked"), chunks.toString());

    assertThat(answer).startsWith("HTTP/1.1 413");
  }

  @Test
  void aHostNameTheEngineIsNotKnownByIsRefused() {
    String answer = send("GET", "/v2/topology", "rebind.attacker.example:" + engine.restAddress().getPort(),
        Map.of(), "");

    assertThat(answer).startsWith("HTTP/1.1 421").contains("rebind.attacker.example")
        .contains("journeys.engine.host-names");
  }

  @Test
  void loopbackNamesAndAddressesAreServed() {
    int port = engine.restAddress().getPort();

    assertThat(send("GET", "/v2/topology", "localhost:" + port, Map.of(), "")).startsWith("HTTP/1.1 200");
    assertThat(send("GET", "/v2/topology", "127.0.0.1:" + port, Map.of(), "")).startsWith("HTTP/1.1 200");
    assertThat(send("GET", "/v2/topology", "[::1]:" + port, Map.of(), "")).startsWith("HTTP/1.1 200");
  }

  @Test
  void aBrowsersRequestIsRefused() {
    String answer = send("POST", "/v2/process-instances/" + instanceKey + "/cancellation", host(),
        Map.of("Origin", "http://localhost:3000"), "");

    assertThat(answer).startsWith("HTTP/1.1 403").contains("Origin");
    assertThat(engine.isActive(instanceKey)).isTrue();
  }

  private String host() {
    return "127.0.0.1:" + engine.restAddress().getPort();
  }

  /** One HTTP/1.1 request on a fresh connection, written by hand; the whole answer as text. */
  private String send(String method, String path, String host, Map<String, String> headers, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (!headers.containsKey("Content-Length") && !headers.containsKey("Transfer-Encoding")) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", engine.restAddress().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      socket.shutdownOutput(); // all sent: the engine sees the end of what it did not read
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
