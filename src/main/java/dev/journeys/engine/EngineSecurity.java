package dev.journeys.engine;

import dev.journeys.engine.auth.EngineAuth;
import dev.journeys.engine.auth.TlsFiles;
import java.util.Set;

/**
 * How the engine's two ports guard themselves.
 *
 * @param auth who may call (gRPC and REST alike); {@link EngineAuth#OFF} lets everyone in
 * @param tls the certificate and key both ports serve TLS with; null serves plaintext
 * @param hostNames the names (besides loopback names and IP addresses) a REST request's Host header
 *     may carry: a name the engine does not know is how a DNS-rebinding page would reach it
 * @param maxRequestBody the largest REST request body accepted, in bytes
 */
public record EngineSecurity(EngineAuth auth, TlsFiles tls, Set<String> hostNames, long maxRequestBody) {

  /** REST bodies are searches and small commands; deployments go through gRPC. */
  public static final long DEFAULT_MAX_REQUEST_BODY = 1024 * 1024;

  /** No authentication, plaintext, loopback names only: for an engine on loopback. */
  public static final EngineSecurity NONE = new EngineSecurity(EngineAuth.OFF, null, Set.of(), DEFAULT_MAX_REQUEST_BODY);

  public EngineSecurity {
    auth = auth == null ? EngineAuth.OFF : auth;
    hostNames = hostNames == null ? Set.of() : Set.copyOf(hostNames);
  }
}
