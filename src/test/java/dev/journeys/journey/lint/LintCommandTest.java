package dev.journeys.journey.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.LintCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The jar's {@code lint} command: a table of findings and an exit code a CI step can use. */
class LintCommandTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theRealJourneysExitZero() {
    int exit = LintCommand.run(new String[] {"bpmn"}, out);

    assertThat(exit).isZero();
    assertThat(output()).contains("post-purchase.bpmn", "customer-anniversary.bpmn", "0 error(s)");
  }

  @Test
  void errorsExitOneWithATable() {
    int exit = LintCommand.run(new String[] {"src/test/resources/lint/user-task.bpmn"}, out);

    assertThat(exit).isEqualTo(1);
    assertThat(output())
        .contains("SEVERITY", "ELEMENT", "FIX")
        .containsPattern("ERROR +user-task.bpmn +review_order +Expected an element")
        .contains("1 error(s), 0 warning(s)");
  }

  @Test
  void jobTypesServedElsewhereAreNamedOnTheCommandLine() {
    String file = "src/test/resources/lint/unknown-job-type.bpmn";
    assertThat(LintCommand.run(new String[] {file}, out)).isEqualTo(1);
    assertThat(LintCommand.run(new String[] {"--external-job-types=loyalty-points, send-coupon", file}, out))
        .isEqualTo(0);
  }

  @Test
  void aPathThatDoesNotExistExitsTwo() {
    assertThat(LintCommand.run(new String[] {"no/such.bpmn"}, out)).isEqualTo(2);
    assertThat(output()).contains("No such file or folder: no/such.bpmn");
  }
}
