package dev.journeys.engine.gateway;

import dev.journeys.engine.EngineSecurity;
import dev.journeys.engine.processing.CommandWriter;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The gRPC server speaking the Zeebe gateway protocol on a loopback (or configured) address. */
public final class GatewayServer implements AutoCloseable {

  /** The version the embedded gateway reports; the protocol it implements is that of Camunda 8.8. */
  public static final String GATEWAY_VERSION = "8.8.14-journeys";

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "journeys-engine-timeouts"));
  private final JobActivation jobActivation;
  private final Server server;

  /** A gateway that checks every call's credentials and, with {@code security.tls()}, serves TLS. */
  public GatewayServer(CommandWriter writer, String host, int port, Duration defaultLongPoll, EngineSecurity security) {
    this.jobActivation = new JobActivation(writer, scheduler, defaultLongPoll);
    InstanceResults results = new InstanceResults(writer, scheduler, Duration.ofSeconds(30));
    GatewayService service = new GatewayService(writer, jobActivation, results, () -> topology(host, port()));
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .addService(ServerInterceptors.intercept(service, new Authentication(security.auth())))
        .maxInboundMessageSize(4 * 1024 * 1024)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true);
    if (security.tls() != null) {
      builder.useTransportSecurity(security.tls().certificateChain().toFile(), security.tls().privateKey().toFile());
    }
    this.server = builder.build();
  }

  /** Writer callback: jobs of these types just became activatable. */
  public void jobsAvailable(Set<String> types) {
    jobActivation.jobsAvailable(types);
  }

  /** The job types workers asked for since the engine started (see {@link WorkerActivity}). */
  public java.util.List<WorkerActivity> workerActivity() {
    return jobActivation.activity();
  }

  public void start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to listen for gRPC on the engine address, but: " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  private static TopologyResponse topology(String host, int port) {
    return TopologyResponse.newBuilder()
        .setClusterSize(1)
        .setPartitionsCount(1)
        .setReplicationFactor(1)
        .setGatewayVersion(GATEWAY_VERSION)
        .addBrokers(BrokerInfo.newBuilder()
            .setNodeId(0)
            .setHost(host)
            .setPort(port)
            .setVersion(GATEWAY_VERSION)
            .addPartitions(Partition.newBuilder()
                .setPartitionId(1)
                .setRole(Partition.PartitionBrokerRole.LEADER)
                .setHealth(Partition.PartitionBrokerHealth.HEALTHY)))
        .build();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    jobActivation.close();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
  }
}
