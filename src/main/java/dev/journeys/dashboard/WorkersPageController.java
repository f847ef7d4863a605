package dev.journeys.dashboard;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * Job types and their workers: per type, the jobs waiting and since when, and when a worker last
 * asked for them; a type with jobs waiting and no worker asking is marked "nobody serves it". The
 * same as JSON at {@code GET /api/workers}.
 */
@Controller
class WorkersPageController {

  private final WorkerReads workers;
  private final Clock clock;

  WorkersPageController(WorkerReads workers, Clock clock) {
    this.workers = workers;
    this.clock = clock;
  }

  @GetMapping("/dashboard/workers")
  String page(Model model) {
    WorkerReads.Workers read = read();
    model.addAttribute("workers", read);
    model.addAttribute("now", clock.instant());
    model.addAttribute("embedded", read.source() == WorkerReads.Source.ENGINE_POLLS);
    model.addAttribute("page", "workers");
    return "dashboard/workers";
  }

  @GetMapping("/api/workers")
  @ResponseBody
  Map<String, Object> json() {
    WorkerReads.Workers read = read();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", read.source().name());
    body.put("silence", read.silence().toString());
    body.put("unserved", read.unserved());
    body.put("truncated", read.truncated());
    List<Map<String, Object>> types = read.types().stream().map(t -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("type", t.type());
      row.put("waiting", t.waiting());
      row.put("oldestWaitingSince", t.oldestWaitingSince());
      row.put("activated", t.activated());
      row.put("retryBackoff", t.retryBackoff());
      row.put(read.source() == WorkerReads.Source.ENGINE_POLLS ? "lastPolledAt" : "lastCompletedAt", t.lastSeen());
      row.put("lastWorker", t.lastWorker());
      row.put("openStreams", t.openStreams());
      row.put("external", t.external());
      row.put("unserved", t.unserved());
      return row;
    }).toList();
    body.put("types", types);
    return body;
  }

  private WorkerReads.Workers read() {
    try {
      return workers.read();
    } catch (RuntimeException e) {
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), e);
    }
  }
}
