package dev.journeys.engine.gateway;

import dev.journeys.engine.processing.Rejection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** Maps engine outcomes to gRPC replies with Zeebe's status codes. */
final class Statuses {

  private Statuses() {}

  static StatusRuntimeException toStatus(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    if (cause instanceof Rejection rejection) {
      Status status = switch (rejection.type()) {
        case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
        case NOT_FOUND -> Status.NOT_FOUND;
        case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
        case INVALID_STATE -> Status.FAILED_PRECONDITION;
      };
      return status.withDescription(rejection.getMessage()).asRuntimeException();
    }
    if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("Expected the engine to run")) {
      return Status.UNAVAILABLE.withDescription(cause.getMessage()).asRuntimeException();
    }
    return Status.INTERNAL
        .withDescription("Expected to process the request, but the engine failed: " + cause.getMessage())
        .withCause(cause)
        .asRuntimeException();
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Replies once with the mapped result or the mapped failure. */
  static <T, R> void reply(StreamObserver<R> observer, T result, Throwable failure, Function<T, R> mapper) {
    try {
      if (failure != null) {
        observer.onError(toStatus(failure));
      } else {
        observer.onNext(mapper.apply(result));
        observer.onCompleted();
      }
    } catch (StatusRuntimeException | IllegalStateException cancelled) {
      // the caller went away; nothing to tell
    }
  }

  static StatusRuntimeException invalidArgument(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
