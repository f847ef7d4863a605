package dev.journeys.engine.gateway;

import dev.journeys.engine.processing.CommandWriter;
import dev.journeys.engine.processing.DecisionCommands;
import dev.journeys.engine.processing.DeploymentCommands;
import dev.journeys.engine.processing.DeploymentCommands.DeploymentResult;
import dev.journeys.engine.processing.DeploymentCommands.Resource;
import dev.journeys.engine.processing.InstanceCommands;
import dev.journeys.engine.processing.JobCommands;
import dev.journeys.engine.processing.Processing;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.*;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Zeebe gateway protocol on top of the embedded engine. Each call becomes one command for the
 * writer; the reply goes out after that command's transaction has committed. RPCs not overridden
 * here answer UNIMPLEMENTED with the method's name.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {

  private final CommandWriter writer;
  private final JobActivation jobActivation;
  private final InstanceResults instanceResults;
  private final Supplier<TopologyResponse> topology;

  GatewayService(CommandWriter writer, JobActivation jobActivation, InstanceResults instanceResults,
      Supplier<TopologyResponse> topology) {
    this.writer = writer;
    this.jobActivation = jobActivation;
    this.instanceResults = instanceResults;
    this.topology = topology;
  }

  private <T, R> void run(StreamObserver<R> observer, CommandWriter.Command<T> command, Function<T, R> reply) {
    writer.submit(command).whenComplete((result, failure) -> Statuses.reply(observer, result, failure, reply));
  }

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> observer) {
    observer.onNext(topology.get());
    observer.onCompleted();
  }

  @Override
  public void deployResource(DeployResourceRequest request, StreamObserver<DeployResourceResponse> observer) {
    if (Tenants.rejected(request.getTenantId(), "DeployResource", observer)) {
      return;
    }
    List<Resource> resources = request.getResourcesList().stream()
        .map(r -> new Resource(r.getName(), r.getContent().toByteArray()))
        .toList();
    run(observer, p -> new DeploymentCommands(p).deploy(resources), GatewayService::deployed);
  }

  private static DeployResourceResponse deployed(DeploymentResult result) {
    DeployResourceResponse.Builder response = DeployResourceResponse.newBuilder()
        .setKey(result.key())
        .setTenantId(Processing.DEFAULT_TENANT);
    result.processes().forEach(process -> response.addDeployments(Deployment.newBuilder()
        .setProcess(ProcessMetadata.newBuilder()
            .setBpmnProcessId(process.bpmnProcessId())
            .setVersion(process.version())
            .setProcessDefinitionKey(process.key())
            .setResourceName(process.resourceName())
            .setTenantId(Processing.DEFAULT_TENANT))));
    result.decisions().forEach(decision -> response.addDeployments(Deployment.newBuilder()
        .setDecision(DecisionMetadata.newBuilder()
            .setDmnDecisionId(decision.decisionId())
            .setDmnDecisionName(nonNull(decision.name()))
            .setVersion(decision.version())
            .setDecisionKey(decision.key())
            .setDmnDecisionRequirementsId(decision.drgId())
            .setDecisionRequirementsKey(decision.drgKey())
            .setTenantId(Processing.DEFAULT_TENANT))));
    result.decisionRequirements().forEach(drg -> response.addDeployments(Deployment.newBuilder()
        .setDecisionRequirements(DecisionRequirementsMetadata.newBuilder()
            .setDmnDecisionRequirementsId(drg.id())
            .setDmnDecisionRequirementsName(nonNull(drg.name()))
            .setVersion(drg.version())
            .setDecisionRequirementsKey(drg.key())
            .setResourceName(drg.resourceName())
            .setTenantId(Processing.DEFAULT_TENANT))));
    return response.build();
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  @Override
  public void evaluateDecision(EvaluateDecisionRequest request, StreamObserver<EvaluateDecisionResponse> observer) {
    if (Tenants.rejected(request.getTenantId(), "EvaluateDecision", observer)) {
      return;
    }
    long key = request.getDecisionKey() == 0 && !request.getDecisionId().isEmpty() ? -1L : request.getDecisionKey();
    run(observer, p -> new DecisionCommands(p).evaluate(request.getDecisionId(), key, request.getVariables()),
        DecisionReplies::evaluated);
  }

  @Override
  public void createProcessInstance(
      CreateProcessInstanceRequest request, StreamObserver<CreateProcessInstanceResponse> observer) {
    if (Tenants.rejected(request.getTenantId(), "CreateProcessInstance", observer)) {
      return;
    }
    if (request.getStartInstructionsCount() > 0 || request.getRuntimeInstructionsCount() > 0) {
      observer.onError(Statuses.invalidArgument(
          "Expected to create a process instance at its none start event, but start and runtime instructions "
              + "are not supported by the embedded engine"));
      return;
    }
    run(observer, p -> {
      InstanceCommands commands = new InstanceCommands(p);
      return commands.create(commands.findDefinition(
          request.getProcessDefinitionKey(), request.getBpmnProcessId(), request.getVersion()), request.getVariables());
    }, created -> CreateProcessInstanceResponse.newBuilder()
        .setProcessDefinitionKey(created.definition().key())
        .setBpmnProcessId(created.definition().bpmnProcessId())
        .setVersion(created.definition().version())
        .setProcessInstanceKey(created.processInstanceKey())
        .setTenantId(Processing.DEFAULT_TENANT)
        .addAllTags(request.getTagsList())
        .build());
  }

  @Override
  public void createProcessInstanceWithResult(
      CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    if (Tenants.rejected(request.getRequest().getTenantId(), "CreateProcessInstanceWithResult", observer)) {
      return;
    }
    instanceResults.createAndAwait(request, observer);
  }

  @Override
  public void cancelProcessInstance(
      CancelProcessInstanceRequest request, StreamObserver<CancelProcessInstanceResponse> observer) {
    run(observer, p -> {
      new InstanceCommands(p).cancel(request.getProcessInstanceKey());
      return null;
    }, ignored -> CancelProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void setVariables(SetVariablesRequest request, StreamObserver<SetVariablesResponse> observer) {
    run(observer,
        p -> new InstanceCommands(p).setVariables(request.getElementInstanceKey(), request.getVariables(), request.getLocal()),
        key -> SetVariablesResponse.newBuilder().setKey(key).build());
  }

  @Override
  public void resolveIncident(ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> observer) {
    run(observer, p -> {
      p.incidents().resolve(request.getIncidentKey());
      return null;
    }, ignored -> ResolveIncidentResponse.getDefaultInstance());
  }

  @Override
  public void publishMessage(PublishMessageRequest request, StreamObserver<PublishMessageResponse> observer) {
    if (Tenants.rejected(request.getTenantId(), "PublishMessage", observer)) {
      return;
    }
    run(observer,
        p -> p.messages().publish(request.getName(), request.getCorrelationKey(), request.getTimeToLive(),
            request.getMessageId(), request.getVariables()),
        key -> PublishMessageResponse.newBuilder().setKey(key).setTenantId(Processing.DEFAULT_TENANT).build());
  }

  /** Zeebe's gRPC gateway passes an empty name on; we refuse it as Camunda's REST API does. */
  @Override
  public void broadcastSignal(BroadcastSignalRequest request, StreamObserver<BroadcastSignalResponse> observer) {
    if (Tenants.rejected(request.getTenantId(), "BroadcastSignal", observer)) {
      return;
    }
    run(observer, p -> p.signals().broadcast(request.getSignalName(), request.getVariables()),
        key -> BroadcastSignalResponse.newBuilder().setKey(key).setTenantId(Processing.DEFAULT_TENANT).build());
  }

  @Override
  public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
    if (Tenants.rejected(request.getTenantIdsList(), "ActivateJobs", observer)) {
      return;
    }
    jobActivation.activate(request, observer);
  }

  @Override
  public void streamActivatedJobs(StreamActivatedJobsRequest request, StreamObserver<ActivatedJob> observer) {
    if (Tenants.rejected(request.getTenantIdsList(), "StreamActivatedJobs", observer)) {
      return;
    }
    jobActivation.stream(request, observer);
  }

  @Override
  public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> observer) {
    run(observer, p -> {
      new JobCommands(p).complete(request.getJobKey(), request.getVariables());
      return null;
    }, ignored -> CompleteJobResponse.getDefaultInstance());
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
    run(observer, p -> {
      new JobCommands(p).fail(request.getJobKey(), request.getRetries(), request.getErrorMessage(),
          request.getRetryBackOff(), request.getVariables());
      return null;
    }, ignored -> FailJobResponse.getDefaultInstance());
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> observer) {
    run(observer, p -> {
      new JobCommands(p).throwError(request.getJobKey(), request.getErrorCode(), request.getErrorMessage(),
          request.getVariables());
      return null;
    }, ignored -> ThrowErrorResponse.getDefaultInstance());
  }

  @Override
  public void updateJobRetries(UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> observer) {
    run(observer, p -> {
      new JobCommands(p).updateRetries(request.getJobKey(), request.getRetries());
      return null;
    }, ignored -> UpdateJobRetriesResponse.getDefaultInstance());
  }

  @Override
  public void updateJobTimeout(UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> observer) {
    run(observer, p -> {
      new JobCommands(p).updateTimeout(request.getJobKey(), request.getTimeout());
      return null;
    }, ignored -> UpdateJobTimeoutResponse.getDefaultInstance());
  }

}
