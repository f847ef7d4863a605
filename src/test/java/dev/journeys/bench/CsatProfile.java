package dev.journeys.bench;

import dev.journeys.feedback.Satisfaction;
import dev.journeys.notify.SentMessages;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Profiles the customer satisfaction page's queries on a store seeded by the results benchmark
 * ({@code bench/results.sh}; run this after it, the app stopped): each statement the report runs is
 * timed on its own (p50, p95 and how often it ran over the repeats, first reads and repeated ones
 * together), for 28 days and for a year; the whole report timed as the first read of the period (a
 * new reader, nothing kept) and again; with a third argument, the database's plan of each statement
 * (H2's EXPLAIN ANALYZE, PostgreSQL's EXPLAIN (ANALYZE, BUFFERS)).
 *   java -cp target/test-classes:target/classes:$(cat target/bench.classpath) dev.journeys.bench.CsatProfile
 *       'jdbc:h2:file:./target/bench-results/journeys-…' [repeats] [explain]
 */
public final class CsatProfile {

  private CsatProfile() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    DataSource ds;
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      h2.setUser("sa");
      ds = h2;
    } else {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      ds = pg;
    }
    org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration")
        .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    Connection real = ds.getConnection();
    Map<String, List<Long>> times = new LinkedHashMap<>();
    Map<String, List<Object>> lastParams = new LinkedHashMap<>();
    Connection timed = timing(real, times, lastParams);
    SingleConnectionDataSource single = new SingleConnectionDataSource(timed, true);
    JdbcClient jdbc = JdbcClient.create(single);
    TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
    Satisfaction satisfaction = new Satisfaction(jdbc, new SentMessages(jdbc), transactions);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant end = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int days : new int[] {28, 365}) {
      Instant from = today.minusDays(days - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
      for (int i = 0; i < 3; i++) {
        satisfaction.report(from, end, null, 20, 0);
      }
      times.clear();
      List<Long> total = new ArrayList<>();
      List<Long> cold = new ArrayList<>();
      for (int i = 0; i < repeats; i++) {
        // A new reader each time: nothing kept from the rolled days (the first read of a period).
        Satisfaction fresh = new Satisfaction(jdbc, new SentMessages(jdbc), transactions);
        long start = System.nanoTime();
        fresh.report(from, end, null, 20, 0);
        cold.add((System.nanoTime() - start) / 1_000_000);
        start = System.nanoTime();
        satisfaction.report(from, end, null, 20, 0);
        total.add((System.nanoTime() - start) / 1_000_000);
      }
      System.out.printf("%n=== %d days: first read of the period p50 %d ms, p95 %d ms; again p50 %d ms, p95 %d ms%n",
          days, p(cold, 50), p(cold, 95), p(total, 50), p(total, 95));
      for (var e : times.entrySet()) {
        System.out.printf("%6d ms p50 %6d ms p95  x%d  %s%n", p(e.getValue(), 50), p(e.getValue(), 95),
            e.getValue().size(), e.getKey().length() > 220 ? e.getKey().substring(0, 220) + "…" : e.getKey());
      }
      if (args.length > 2) {
        for (var e : lastParams.entrySet()) {
          String explain = (url.startsWith("jdbc:h2:") ? "EXPLAIN ANALYZE " : "EXPLAIN (ANALYZE, BUFFERS) ") + e.getKey();
          try (PreparedStatement ps = real.prepareStatement(explain)) {
            List<Object> params = e.getValue();
            for (int k = 0; k < params.size(); k++) {
              ps.setObject(k + 1, params.get(k));
            }
            try (ResultSet rs = ps.executeQuery()) {
              System.out.println("--- " + e.getKey());
              while (rs.next()) {
                System.out.println(rs.getString(1));
              }
            }
          }
        }
      }
    }
    real.close();
  }

  private static long p(List<Long> values, int percent) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
  }

  private static Connection timing(Connection real, Map<String, List<Long>> times, Map<String, List<Object>> lastParams) {
    return (Connection) Proxy.newProxyInstance(CsatProfile.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement ps) {
            String sql = (String) args[0];
            List<Object> params = new ArrayList<>();
            InvocationHandler h = (p2, m2, a2) -> {
              if (m2.getName().startsWith("set") && a2 != null && a2.length >= 2 && a2[0] instanceof Integer index) {
                while (params.size() < index) {
                  params.add(null);
                }
                params.set(index - 1, a2[1]);
              }
              if (m2.getName().startsWith("execute")) {
                long start = System.nanoTime();
                Object r = invoke(ps, m2, a2);
                lastParams.put(sql, new ArrayList<>(params));
                if (r instanceof ResultSet rs) {
                  // timed until the result is read and closed, as the report reads it
                  return Proxy.newProxyInstance(CsatProfile.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                      (p3, m3, a3) -> {
                        Object o = invoke(rs, m3, a3);
                        if (m3.getName().equals("close")) {
                          times.computeIfAbsent(sql, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1_000_000);
                        }
                        return o;
                      });
                }
                times.computeIfAbsent(sql, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1_000_000);
                return r;
              }
              return invoke(ps, m2, a2);
            };
            return Proxy.newProxyInstance(CsatProfile.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, h);
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
