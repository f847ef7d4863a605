package dev.journeys.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class HashPasswordCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin) {
    return HashPasswordCommand.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsABcryptHashThatTheLoginAcceptsForThatPasswordOnly() {
    assertThat(run("correct horse battery\n")).isZero();
    String hash = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(hash).startsWith("$2a$12$");
    assertThat(new BCryptPasswordEncoder().matches("correct horse battery", hash)).isTrue();
    assertThat(new BCryptPasswordEncoder().matches("correct horse battery ", hash)).isFalse();
  }

  @Test
  void refusesNoPasswordAndAShortOneSayingWhy() {
    assertThat(run("")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Expected a password on standard input");
    err.reset();
    assertThat(run("short\n")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters, but got 5");
    assertThat(out.size()).isZero();
  }
}
