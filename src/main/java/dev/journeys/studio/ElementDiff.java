package dev.journeys.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What changed between two versions of a journey, element by element (the drawing's layout aside). */
final class ElementDiff {

  /**
   * One element added, removed or changed.
   *
   * @param change added, removed or changed
   */
  record Change(String elementId, String kind, String name, String change) {}

  private ElementDiff() {}

  static List<Change> between(String runningXml, String draftXml) {
    Map<String, BpmnDocument.Element> before = BpmnDocument.parse(runningXml).elements();
    Map<String, BpmnDocument.Element> after = BpmnDocument.parse(draftXml).elements();
    List<Change> changes = new ArrayList<>();
    after.forEach((id, now) -> {
      BpmnDocument.Element was = before.get(id);
      if (was == null) {
        changes.add(new Change(id, now.kind(), now.name(), "added"));
      } else if (!was.fingerprint().equals(now.fingerprint())) {
        changes.add(new Change(id, now.kind(), now.name(), "changed"));
      }
    });
    before.forEach((id, was) -> {
      if (!after.containsKey(id)) {
        changes.add(new Change(id, was.kind(), was.name(), "removed"));
      }
    });
    return changes;
  }
}
