package dev.journeys;

import dev.journeys.journey.LintCommand;
import dev.journeys.security.HashPasswordCommand;
import dev.journeys.simulate.SimulateCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Journeys: post-purchase customer journeys on BPMN. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JourneysApplication {

  public static void main(String[] args) {
    // `lint` runs before Spring starts: no web server, engine, database or cluster is needed.
    if (args.length > 0 && args[0].equals(LintCommand.NAME)) {
      System.exit(LintCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    // `simulate` starts its own in-memory application (no web server) and exits when done.
    if (args.length > 0 && args[0].equals(SimulateCommand.NAME)) {
      System.exit(SimulateCommand.run(JourneysApplication.class, Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    // `hash-password` prints the bcrypt hash of a password read from standard input.
    if (args.length > 0 && args[0].equals(HashPasswordCommand.NAME)) {
      System.exit(HashPasswordCommand.run(System.in, System.out, System.err));
    }
    SpringApplication.run(JourneysApplication.class, args);
  }
}
