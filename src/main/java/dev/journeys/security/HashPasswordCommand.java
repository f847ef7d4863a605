package dev.journeys.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code hash-password}: reads a password from standard input (one line) and prints its bcrypt hash,
 * as {@code journeys.security.users[n].password-hash} and {@code journeys.engine.auth.users[n].password-hash}
 * take it. For machines without {@code htpasswd}: {@code docker run --rm -i journeys:local hash-password}.
 * The password never appears on a command line (where {@code ps} and shell history would show it).
 */
public final class HashPasswordCommand {

  public static final String NAME = "hash-password";
  /** Shorter passwords are refused: a dashboard login guards sending to every customer. */
  static final int MIN_LENGTH = 12;
  private static final int COST = 12;

  private HashPasswordCommand() {}

  /** Exit code 0 and the hash on {@code out}; 2 and the reason on {@code err} for a missing or short password. */
  public static int run(InputStream in, PrintStream out, PrintStream err) {
    String password;
    try {
      password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      err.println("Expected a password on standard input, but reading it failed: " + e.getMessage());
      return 2;
    }
    if (password == null || password.isEmpty()) {
      err.println("Expected a password on standard input (one line), but got none. Example: "
          + "printf '%s\\n' \"$PASSWORD\" | java -jar journeys.jar hash-password");
      return 2;
    }
    if (password.length() < MIN_LENGTH) {
      err.printf("Expected a password of at least %d characters, but got %d%n", MIN_LENGTH, password.length());
      return 2;
    }
    out.println(new BCryptPasswordEncoder(COST).encode(password));
    return 0;
  }
}
