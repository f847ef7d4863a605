package dev.journeys.engine.state;

import java.util.Arrays;

/**
 * Fixed log-scale buckets of a duration in milliseconds, for percentiles kept as counts: bucket 0
 * holds everything under one second, bucket {@code b >= 1} holds {@code [1000·1.1^(b-1), 1000·1.1^b)}.
 * A bucket's geometric middle is within {@value #PRECISION_PERCENT} % of every duration in it. The
 * bounds are whole milliseconds computed once, so a duration's bucket is exact and the same on every
 * machine; the last bucket (past ten years) is open-ended.
 */
public final class TimeBuckets {

  /** How far a bucket's middle may be from a duration in it, in percent (the square root of 1.1, less one). */
  public static final int PRECISION_PERCENT = 5;

  public static final double RATIO = 1.1;

  private static final long[] UPPER = bounds();

  private TimeBuckets() {}

  private static long[] bounds() {
    long tenYears = 10L * 366 * 24 * 3600 * 1000;
    long[] upper = new long[256];
    int n = 0;
    double bound = 1000;
    upper[n++] = 1000;
    while (upper[n - 1] < tenYears) {
      bound *= RATIO;
      upper[n++] = Math.round(bound);
    }
    upper[n++] = Long.MAX_VALUE;
    return Arrays.copyOf(upper, n);
  }

  /** The bucket of a duration; negative durations (a clock set back) count as zero. */
  public static int of(long millis) {
    int found = Arrays.binarySearch(UPPER, Math.max(0, millis));
    return found >= 0 ? found + 1 : -found - 1;
  }

  /** The first duration in the bucket, inclusive. */
  public static long from(int bucket) {
    return bucket == 0 ? 0 : UPPER[bucket - 1];
  }

  /** The end of the bucket, exclusive ({@link Long#MAX_VALUE} for the last). */
  public static long until(int bucket) {
    return UPPER[Math.min(bucket, UPPER.length - 1)];
  }

  /** The duration a bucket stands for: its geometric middle, or half a second for the first. */
  public static long middle(int bucket) {
    if (bucket == 0) {
      return 500;
    }
    if (bucket >= UPPER.length - 1) {
      return from(bucket);
    }
    return Math.round(Math.sqrt((double) from(bucket) * until(bucket)));
  }
}
