package dev.journeys.engine.rest;

import dev.journeys.engine.processing.JobCommands;
import io.camunda.client.protocol.rest.JobChangeset;
import io.camunda.client.protocol.rest.JobUpdateRequest;

/** Changing a job's retries or timeout: with a resolve, how an operator retries a failed step. */
final class JobApi {

  private final Commands commands;

  JobApi(Commands commands) {
    this.commands = commands;
  }

  void register(Router router) {
    router.add("PATCH", "/v2/jobs/{jobKey}", this::update);
  }

  private Reply update(Call call) {
    long key = call.key("jobKey");
    JobChangeset changeset = Json.model(call.json(), JobUpdateRequest.class).getChangeset();
    if (changeset == null || (changeset.getRetries() == null && changeset.getTimeout() == null)) {
      throw Problem.badRequest("Expected a changeset with retries or timeout for job '%d', but it has neither", key);
    }
    return commands.run(p -> {
      JobCommands jobs = new JobCommands(p);
      if (changeset.getRetries() != null) {
        jobs.updateRetries(key, changeset.getRetries());
      }
      if (changeset.getTimeout() != null) {
        jobs.updateTimeout(key, changeset.getTimeout());
      }
      return null;
    });
  }
}
