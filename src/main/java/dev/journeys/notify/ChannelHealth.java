package dev.journeys.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * /actuator/health/channels: one part per registered channel, named by its key, each checking its
 * own way out ({@link MessageChannel#health()}). A channel added to the registry shows up here.
 */
@Configuration(proxyBeanMethods = false)
class ChannelHealth {

  @Bean
  HealthContributor channelsHealthContributor(Channels channels) {
    Map<String, HealthIndicator> parts = new LinkedHashMap<>();
    channels.all().forEach(channel -> parts.put(channel.channel().key(), channel::health));
    return CompositeHealthContributor.fromMap(parts);
  }
}
