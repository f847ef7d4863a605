package dev.journeys.journey;

import dev.journeys.journey.lint.JourneyLinter;
import dev.journeys.journey.lint.JourneyLinter.LintSource;
import dev.journeys.journey.lint.LintFinding;
import dev.journeys.journey.lint.LintRules;
import dev.journeys.journey.lint.LintTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * {@code java -jar journeys.jar lint [--external-job-types=a,b] [paths...]}: lints BPMN files or folders (default: ./bpmn, or
 * the journeys packaged in the jar) and prints the findings as a table. It starts no Spring
 * context, so no web server, engine, database or cluster is needed: a marketer can lint a model on
 * a laptop. Worker types come from the application's components on the classpath instead.
 */
public final class LintCommand {

  public static final String NAME = "lint";
  private static final String PACKAGED = "classpath*:bpmn/*.bpmn";
  /** {@code --external-job-types=a,b}: job types that workers outside the app handle. */
  static final String EXTERNAL_OPTION = "--external-job-types=";

  private LintCommand() {}

  /** Returns the process exit code: 0 without errors, 1 with errors, 2 when there is nothing to lint. */
  public static int run(String[] args, PrintStream out) {
    Set<String> external = new TreeSet<>();
    List<String> pathList = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith(EXTERNAL_OPTION)) {
        Arrays.stream(arg.substring(EXTERNAL_OPTION.length()).split(","))
            .map(String::trim).filter(t -> !t.isEmpty()).forEach(external::add);
      } else {
        pathList.add(arg);
      }
    }
    String[] paths = pathList.toArray(String[]::new);
    for (String path : paths) {
      if (!Files.exists(Path.of(path))) {
        out.println("No such file or folder: " + path);
        return 2;
      }
    }
    List<LintSource> sources = paths.length == 0 ? defaults() : fromPaths(Arrays.asList(paths));
    if (sources.isEmpty()) {
      out.println("No .bpmn files found in " + Arrays.toString(paths));
      return 2;
    }
    JourneyLinter linter = new JourneyLinter(LintRules.ofApplication().withExternalTypes(external));
    List<LintFinding> findings = linter.lint(sources);
    out.println("Linted " + sources.size() + " file(s): "
        + sources.stream().map(LintSource::name).toList());
    if (!findings.isEmpty()) {
      out.print(LintTable.format(findings));
    }
    out.println(LintTable.summary(findings));
    return findings.stream().anyMatch(LintFinding::isError) ? 1 : 0;
  }

  private static List<LintSource> defaults() {
    Path local = Path.of("bpmn");
    if (Files.isDirectory(local)) {
      return fromPaths(List.of(local.toString()));
    }
    try {
      List<LintSource> sources = new ArrayList<>();
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(PACKAGED)) {
        try (var in = resource.getInputStream()) {
          sources.add(new LintSource(resource.getFilename(), in.readAllBytes()));
        }
      }
      sources.sort(Comparator.comparing(LintSource::name));
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + PACKAGED, e);
    }
  }

  static List<LintSource> fromPaths(List<String> paths) {
    List<LintSource> sources = new ArrayList<>();
    for (String name : paths) {
      Path path = Path.of(name);
      try (Stream<Path> files = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn")).sorted().toList()) {
          sources.add(new LintSource(file.getFileName().toString(), Files.readAllBytes(file)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + path, e);
      }
    }
    return sources;
  }
}
