package dev.journeys.engine.gateway;

import dev.journeys.engine.auth.EngineAuth;
import dev.journeys.engine.auth.Unauthenticated;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Checks every gRPC call's {@code authorization} metadata before the gateway sees it; a call without
 * valid credentials is closed with {@code UNAUTHENTICATED}, as Zeebe's gateway does, and never reaches
 * the writer.
 */
final class Authentication implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final EngineAuth auth;

  Authentication(EngineAuth auth) {
    this.auth = auth;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    try {
      auth.authenticate(headers.get(AUTHORIZATION));
    } catch (Unauthenticated refused) {
      call.close(Status.UNAUTHENTICATED.withDescription(refused.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
