package dev.journeys.engine.gateway;

import dev.journeys.engine.processing.CommandWriter;
import dev.journeys.engine.processing.InstanceCommands;
import dev.journeys.engine.processing.InstanceCommands.Created;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.processing.ResultWaiters.Waiter;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** CreateProcessInstanceWithResult: create, then answer when the instance completes or the request times out. */
final class InstanceResults {

  private final CommandWriter writer;
  private final ScheduledExecutorService scheduler;
  private final Duration defaultTimeout;

  InstanceResults(CommandWriter writer, ScheduledExecutorService scheduler, Duration defaultTimeout) {
    this.writer = writer;
    this.scheduler = scheduler;
    this.defaultTimeout = defaultTimeout;
  }

  void createAndAwait(
      CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    CreateProcessInstanceRequest create = request.getRequest();
    CompletableFuture<String> result = new CompletableFuture<>();
    Waiter waiter = new Waiter(request.getFetchVariablesList(), result);
    writer.<Created>submit(p -> {
      InstanceCommands commands = new InstanceCommands(p);
      Created created = commands.create(
          commands.findDefinition(create.getProcessDefinitionKey(), create.getBpmnProcessId(), create.getVersion()),
          create.getVariables());
      p.resultWaiters().await(created.processInstanceKey(), waiter);
      return created;
    }).whenComplete((created, failure) -> {
      if (failure != null) {
        Statuses.reply(observer, null, failure, ignored -> null);
        return;
      }
      long timeout = request.getRequestTimeout() > 0 ? request.getRequestTimeout() : defaultTimeout.toMillis();
      scheduler.schedule(() -> {
        writer.resultWaiters().forget(created.processInstanceKey());
        result.completeExceptionally(Status.DEADLINE_EXCEEDED.withDescription(
            "Expected process instance '%d' to complete within %d ms, but it did not"
                .formatted(created.processInstanceKey(), timeout)).asRuntimeException());
      }, timeout, TimeUnit.MILLISECONDS);
      result.whenComplete((variables, error) -> Statuses.reply(observer, variables, error,
          document -> CreateProcessInstanceWithResultResponse.newBuilder()
              .setProcessDefinitionKey(created.definition().key())
              .setBpmnProcessId(created.definition().bpmnProcessId())
              .setVersion(created.definition().version())
              .setProcessInstanceKey(created.processInstanceKey())
              .setVariables(document)
              .setTenantId(Processing.DEFAULT_TENANT)
              .addAllTags(create.getTagsList())
              .build()));
    });
  }
}
