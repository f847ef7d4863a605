package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts how the engine answered an RPC that it refused. */
final class Rpc {

  private Rpc() {}

  /** Runs the call, asserts it failed with the gRPC status code, and returns the status description. */
  static String failsWith(Status.Code code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the RPC's failure").isInstanceOf(ClientStatusException.class);
    ClientStatusException failure = (ClientStatusException) thrown;
    assertThat(failure.getStatusCode()).as("gRPC status of: %s", failure.getMessage()).isEqualTo(code);
    return String.valueOf(failure.getStatus().getDescription());
  }
}
