package dev.journeys.engine.rest;

import dev.journeys.engine.processing.CommandWriter;
import dev.journeys.engine.processing.Rejection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Mutations go through the single writer exactly as the gRPC gateway's do, and are answered (204)
 * only after their transaction committed; the engine's rejections become Camunda's problem statuses.
 */
final class Commands {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CommandWriter writer;

  Commands(CommandWriter writer) {
    this.writer = writer;
  }

  Reply run(CommandWriter.Command<?> command) {
    try {
      writer.submit(command).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return Reply.noContent();
    } catch (ExecutionException e) {
      throw problem(e.getCause());
    } catch (TimeoutException e) {
      throw new Problem(504, "DEADLINE_EXCEEDED",
          "Expected the engine to apply the command within " + TIMEOUT + ", but it did not; it may still apply it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Problem(503, "UNAVAILABLE", "Expected to wait for the engine, but the request was interrupted");
    }
  }

  private static Problem problem(Throwable cause) {
    if (cause instanceof Rejection rejection) {
      return switch (rejection.type()) {
        case INVALID_ARGUMENT -> new Problem(400, "INVALID_ARGUMENT", rejection.getMessage());
        case NOT_FOUND -> new Problem(404, "NOT_FOUND", rejection.getMessage());
        case ALREADY_EXISTS -> new Problem(409, "ALREADY_EXISTS", rejection.getMessage());
        case INVALID_STATE -> new Problem(409, "INVALID_STATE", rejection.getMessage());
      };
    }
    if (cause instanceof IllegalStateException stopping && !writerFailed(stopping)) {
      return new Problem(503, "UNAVAILABLE", stopping.getMessage());
    }
    return new Problem(500, "INTERNAL_ERROR", "Expected the engine to apply the command, but: " + cause.getMessage());
  }

  /** The writer answers "Expected the engine to run, but it is stopping/stopped" while shutting down. */
  private static boolean writerFailed(IllegalStateException e) {
    return e.getMessage() == null || !e.getMessage().startsWith("Expected the engine to run");
  }
}
