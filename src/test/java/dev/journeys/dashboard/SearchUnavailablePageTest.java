package dev.journeys.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.journeys.security.SliceSecurity;
import io.camunda.client.CamundaClient;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Camunda mode against a cluster without its search API (no Elasticsearch or OpenSearch behind it):
 * the pages that read through it say so, and which pages work without it, instead of an error page.
 * A real Camunda client against a loopback server that answers every search as such a cluster does.
 */
@WebMvcTest(controllers = IncidentController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
    pattern = "dev\\.journeys\\.(?!dashboard\\.|security\\.).*"))
@Import({SliceSecurity.class, EngineReads.class})
class SearchUnavailablePageTest {

  static final WireMockServer cluster = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    cluster.start();
    cluster.stubFor(post(urlPathMatching("/v2/.*/search")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
            + "\"detail\":\"No secondary storage is configured\"}")));
  }

  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DashboardProperties.class)
  static class Cluster {
    @Bean(destroyMethod = "close")
    CamundaClient camundaClient() {
      return CamundaClient.newClientBuilder().restAddress(URI.create(cluster.baseUrl()))
          .grpcAddress(URI.create("http://127.0.0.1:1")).preferRestOverGrpc(true).build();
    }
  }

  @Autowired MockMvc http;

  @AfterAll
  static void stop() {
    cluster.stop();
  }

  @Test
  @WithMockUser(username = "ops", roles = "VIEWER")
  void theIncidentsPageSaysTheSearchApiIsMissingAndWhatStillWorks() throws Exception {
    http.perform(get("/dashboard/incidents")).andExpect(status().isServiceUnavailable())
        .andExpect(content().string(containsString("This page needs the engine's search API")))
        .andExpect(content().string(containsString("503 Service Unavailable: No secondary storage is configured")))
        .andExpect(content().string(containsString("href=\"/dashboard/results/csat\"")))
        .andExpect(content().string(containsString("<span id=\"user\">ops</span>")));
  }
}
