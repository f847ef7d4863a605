package dev.journeys.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The studio's editor runs bpmn.io's prebuilt Camunda 8 modeler, committed under
 * static/vendor/camunda-bpmn-js/ by bin/refresh-camunda-bpmn-js.sh, which checks the npm tarball
 * against the registry's integrity and records each file's SHA-256. A file edited by hand, added
 * or lost since fails here: refresh it with the script instead.
 */
class VendoredModelerChecksumTest {

  static final Path VENDOR = Path.of("src/main/resources/static/vendor/camunda-bpmn-js");

  @Test
  void theCommittedFilesAreExactlyTheOnesTheRefreshScriptRecorded() throws Exception {
    Map<String, String> recorded = recorded();
    assertThat(recorded).as("SHA256SUMS lists the bundle, its stylesheet and the licence")
        .containsKeys("camunda-cloud-modeler.production.min.js", "assets/camunda-cloud-modeler.css", "LICENSE");
    assertThat(actual()).as("the files under %s and their SHA-256 (run bin/refresh-camunda-bpmn-js.sh "
        + "rather than editing them)", VENDOR).isEqualTo(recorded);
  }

  @Test
  void theLicenceIsMitAndThePinnedVersionIsRecorded() throws IOException {
    assertThat(Files.readString(VENDOR.resolve("LICENSE"))).startsWith("The MIT License");
    assertThat(Files.readString(VENDOR.resolve("VERSION")).strip()).matches("\\d+\\.\\d+\\.\\d+");
  }

  private static Map<String, String> recorded() throws IOException {
    Map<String, String> sums = new TreeMap<>();
    for (String line : Files.readAllLines(VENDOR.resolve("SHA256SUMS"))) {
      if (!line.isBlank()) {
        // sha256sum's format: 64 hex digits, two spaces (or space and '*'), the path
        sums.put(line.substring(66), line.substring(0, 64));
      }
    }
    return sums;
  }

  private static Map<String, String> actual() throws Exception {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(VENDOR)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = VENDOR.relativize(file).toString().replace('\\', '/');
        if (!name.equals("SHA256SUMS")) {
          sums.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        }
      }
    }
    return sums;
  }
}
