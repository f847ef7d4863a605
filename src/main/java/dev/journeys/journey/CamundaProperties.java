package dev.journeys.journey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings for {@code journeys.engine.mode=camunda}, where Journeys runs on a Camunda 8 cluster. The
 * connection itself is configured with the Camunda Spring starter's own {@code camunda.client.*}.
 *
 * @param startupTimeout how long start-up waits for the cluster to answer a topology request before
 *     it fails, naming the address it tried
 */
@ConfigurationProperties("journeys.camunda")
record CamundaProperties(@DefaultValue("15s") Duration startupTimeout) {}
