package dev.journeys.engine;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The writer lease on an H2 file database, the embedded default. */
class H2FileWriterLeaseTest extends WriterLeaseScenarios {

  @TempDir
  Path directory;

  @Override
  protected DataSource openDatabase() {
    return EngineHarness.h2File(directory);
  }
}
