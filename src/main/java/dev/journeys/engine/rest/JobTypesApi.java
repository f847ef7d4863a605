package dev.journeys.engine.rest;

import dev.journeys.engine.gateway.WorkerActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Journeys' own extension, not part of Camunda's API (hence its path outside /v2): per job type, the
 * jobs waiting for a worker, since when the oldest waits, the jobs a worker holds, those waiting out
 * a retry back-off, and when a worker last asked for jobs of the type (ActivateJobs or an open job
 * stream, since the engine started). It is how an operator sees a job type nobody serves: jobs wait
 * and no worker has polled, typically a worker in another service that is down or was never deployed.
 */
final class JobTypesApi {

  static final String PATH = "/journeys/v1/job-types";

  private static final class Row {
    long waiting;
    long activated;
    long backoff;
    Long oldestWaitingSince;
    WorkerActivity worker;
  }

  private final Search search;
  private final Supplier<List<WorkerActivity>> workers;

  JobTypesApi(Search search, Supplier<List<WorkerActivity>> workers) {
    this.search = search;
    this.workers = workers;
  }

  void register(Router router) {
    router.add("GET", PATH, this::jobTypes);
  }

  private Reply jobTypes(Call call) {
    Map<String, Row> rows = new TreeMap<>();
    search.query("SELECT job_type, state, COUNT(*), MIN(created_at) FROM engine_job "
            + "WHERE state IN ('ACTIVATABLE', 'ACTIVATED', 'BACKOFF') GROUP BY job_type, state",
        List.of(), rs -> {
          Row row = rows.computeIfAbsent(rs.getString(1), t -> new Row());
          long count = rs.getLong(3);
          switch (rs.getString(2)) {
            case "ACTIVATABLE" -> {
              row.waiting = count;
              row.oldestWaitingSince = rs.getLong(4);
            }
            case "ACTIVATED" -> row.activated = count;
            default -> row.backoff = count;
          }
          return null;
        });
    for (WorkerActivity activity : workers.get()) {
      rows.computeIfAbsent(activity.type(), t -> new Row()).worker = activity;
    }
    List<Map<String, Object>> items = new ArrayList<>();
    rows.forEach((type, row) -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("type", type);
      item.put("waiting", row.waiting);
      item.put("oldestWaitingSince",
          row.oldestWaitingSince == null ? null : Instant.ofEpochMilli(row.oldestWaitingSince).toString());
      item.put("activated", row.activated);
      item.put("retryBackoff", row.backoff);
      item.put("lastPolledAt", row.worker == null ? null : row.worker.lastPolledAt().toString());
      item.put("lastWorker", row.worker == null ? null : row.worker.lastWorker());
      item.put("openStreams", row.worker == null ? 0 : row.worker.openStreams());
      items.add(item);
    });
    return Reply.json(Map.of("items", items));
  }
}
