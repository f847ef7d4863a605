package dev.journeys.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Permits shared by every test JVM of this build (Surefire runs two): each is a lock file under
 * target/reliability, held with an OS file lock, so it is given back when its JVM ends however it
 * ends. A {@link java.util.concurrent.Semaphore} would only count the threads of one JVM.
 */
final class MachinePermits {

  private static final Path DIR = Path.of("target", "reliability", "permits");

  /** A permit held; closing gives it back. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private MachinePermits() {}

  /** Waits for one of {@code count} permits named {@code name}. */
  static Permit acquire(String name, int count) {
    try {
      Files.createDirectories(DIR);
      while (true) {
        for (int i = 0; i < count; i++) {
          FileChannel channel = FileChannel.open(DIR.resolve(name + "-" + i + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = null;
          try {
            lock = channel.tryLock();
          } catch (OverlappingFileLockException heldInThisJvm) {
            // another thread of this JVM has this one
          }
          if (lock != null) {
            FileLock held = lock;
            return () -> {
              try {
                held.release();
                channel.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            };
          }
          channel.close();
        }
        Thread.sleep(50);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a permit to " + name, e);
    }
  }
}
