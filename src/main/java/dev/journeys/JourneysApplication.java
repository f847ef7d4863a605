package dev.journeys;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Journeys: post-purchase customer journeys on BPMN. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JourneysApplication {

  public static void main(String[] args) {
    SpringApplication.run(JourneysApplication.class, args);
  }
}
