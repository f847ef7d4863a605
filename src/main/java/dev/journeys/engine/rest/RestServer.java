package dev.journeys.engine.rest;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.journeys.engine.EngineSecurity;
import dev.journeys.engine.processing.CommandWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * The subset of Camunda 8.8's REST v2 API a dashboard needs (searches over definitions, instances,
 * element instances, incidents and variables; cancel, resolve, job retries; topology), with the JSON
 * shapes of Camunda's own generated models, so the Camunda Java client's search requests work against
 * the embedded engine unchanged. Plain JDK HTTP server; reads on their own connections, writes through
 * the single writer.
 */
public final class RestServer implements AutoCloseable {

  private final String host;
  private final int requestedPort;
  private final EngineSecurity security;
  private final Router router;
  private HttpServer server;
  private ExecutorService executor;

  public RestServer(CommandWriter writer, DataSource dataSource, String host, int port, IntSupplier gatewayPort,
      EngineSecurity security,
      java.util.function.Supplier<java.util.List<dev.journeys.engine.gateway.WorkerActivity>> workers) {
    this.host = host;
    this.requestedPort = port;
    this.security = security;
    this.router = new Router(new Gate(security, host));
    Search search = new Search(dataSource);
    DefinitionCatalog catalog = new DefinitionCatalog(search);
    Commands commands = new Commands(writer);
    new ProcessDefinitionApi(search, catalog).register(router);
    new ElementStatistics(search, catalog).register(router);
    new FunnelApi(search).register(router);
    new ProcessInstanceApi(search, catalog, commands).register(router);
    new ElementInstanceApi(search, catalog).register(router);
    new IncidentApi(search, commands).register(router);
    new VariableApi(search).register(router);
    new JobApi(commands).register(router);
    new JobTypesApi(search, workers).register(router);
    new JobSearchApi(search).register(router);
    new TopologyApi(host, gatewayPort).register(router);
  }

  /** Binds the port (only now, so a port in use fails start, not construction) and serves. */
  public void start() {
    try {
      InetSocketAddress address = new InetSocketAddress(host, requestedPort);
      if (security.tls() == null) {
        server = HttpServer.create(address, 0);
      } else {
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(security.tls().sslContext()));
        server = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to listen for REST on " + host + ":" + requestedPort
          + " (journeys.engine.rest-port), but: " + e.getMessage(), e);
    }
    // requests mostly wait on the database or the writer: a virtual thread each is cheap
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", router);
    server.start();
  }

  public int port() {
    return server == null ? requestedPort : server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
