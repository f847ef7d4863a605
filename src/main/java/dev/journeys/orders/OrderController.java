package dev.journeys.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The shop's door: one order in, one journey started. */
@RestController
@Tag(name = "Orders", description = "The generic JSON API for any shop")
class OrderController {

  private final OrderIntake intake;
  private final OrderStore store;
  private final OrdersProperties properties;
  private final Clock clock;

  OrderController(OrderIntake intake, OrderStore store, OrdersProperties properties, Clock clock) {
    this.clock = clock;
    this.intake = intake;
    this.store = store;
    this.properties = properties;
  }

  /**
   * Keys are strings, as in Camunda's REST API, because engine keys can exceed the integers that
   * JavaScript represents exactly.
   */
  record OrderAccepted(String orderId, String journeyKey) {}

  /** 201 for a new order, 200 for a repeat, which starts nothing. */
  @Operation(
      summary = "Place an order",
      description = "Stores the order and its customer and starts the post-purchase journey, once per "
          + "orderId: 201 for the first request, 200 with the same journeyKey for a repeat. "
          + "promisedShipBy and promisedDeliverBy default to the order's time plus "
          + "journeys.orders.default-ship-within (P3D) and default-deliver-within (P7D).")
  @PostMapping("/api/orders")
  ResponseEntity<OrderAccepted> create(@Valid @RequestBody OrderRequest request) {
    OrderIntake.Accepted accepted = intake.accept(request.toNewOrder(clock.instant(), properties, intake::guestId));
    return ResponseEntity.status(accepted.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new OrderAccepted(accepted.orderId(), Long.toString(accepted.journeyKey())));
  }

  @Operation(summary = "An order with its journey and current shipment status")
  @GetMapping("/api/orders/{orderId}")
  OrderView find(@PathVariable String orderId) {
    OrderIds.check(orderId);
    return store.find(orderId)
        .map(OrderView::of)
        .orElseThrow(() -> RequestRejectedException.notFound(
            "Expected order %s to exist, but it was not found".formatted(orderId)));
  }
}
