package dev.journeys.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * journeys.dashboard.
 *
 * @param countsMaxAge how old the counts on a diagram may be before they are counted again in the
 *     background (the page answers with the last count meanwhile); 0 counts on every request
 * @param operateUrl Camunda Operate's address, shown as a link in the dashboard's navigation when set (camunda
 *     mode: what only the cluster shows, such as its own incidents and variables)
 */
@ConfigurationProperties("journeys.dashboard")
record DashboardProperties(@DefaultValue("5s") Duration countsMaxAge, String operateUrl) {}
