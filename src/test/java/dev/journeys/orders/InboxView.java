package dev.journeys.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The inbox as its API shows it, for tests that wait on what became of an event. */
public final class InboxView {

  private final ShopClient shop;

  public InboxView(ShopClient shop) {
    this.shop = shop;
  }

  /** Every inbox event of this order, in any state, oldest first. */
  public List<Map<String, Object>> forOrder(String orderId) {
    return all().stream().filter(e -> Objects.equals(orderId, e.get("orderId"))).toList();
  }

  public List<Map<String, Object>> withKeyPrefix(String prefix) {
    return all().stream().filter(e -> ((String) e.get("businessKey")).startsWith(prefix)).toList();
  }

  public List<Map<String, Object>> inState(String state) {
    return shop.getList("/api/inbox?state=" + state + "&limit=500");
  }

  public Map<String, Object> get(Object id) {
    return shop.get("/api/inbox/" + id).getBody();
  }

  public List<Map<String, Object>> all() {
    List<Map<String, Object>> all = new ArrayList<>();
    for (String state : List.of("pending", "processing", "done", "parked")) {
      all.addAll(inState(state));
    }
    all.sort((a, b) -> Long.compare(Long.parseLong((String) a.get("id")), Long.parseLong((String) b.get("id"))));
    return all;
  }
}
