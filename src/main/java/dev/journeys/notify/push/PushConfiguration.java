package dev.journeys.notify.push;

import dev.journeys.notify.ChannelSupport;
import java.net.http.HttpClient;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The push transport: FCM with the configured service account, or the sandbox. */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PushConfiguration.class);

  @Bean
  PushTransport pushTransport(PushProperties properties, JdbcClient jdbc, Clock clock,
      com.fasterxml.jackson.databind.ObjectMapper json,
      @Value("${" + ChannelSupport.SANDBOX_ONLY + ":false}") boolean sandboxOnly) {
    if (sandboxOnly || properties.sandbox()) {
      log.info("Push goes to the sandbox (GET /api/sandbox/push): {}", sandboxOnly
          ? ChannelSupport.SANDBOX_ONLY + " is set" : "journeys.push.credentials-file is not set");
      return new SandboxPushTransport(jdbc, clock);
    }
    ServiceAccount account = ServiceAccount.from(properties);
    HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    log.info("Push goes to {} as {} (tokens from {})", properties.baseUrl(), account, account.tokenUri());
    return new FcmPushTransport(properties, account, new FcmAccessTokens(account, http, clock, properties.timeout(), json),
        http, json);
  }
}
