package dev.journeys.orders;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The shop's door: one order in, one journey started. */
@RestController
class OrderController {

  private final OrderIntake intake;

  OrderController(OrderIntake intake) {
    this.intake = intake;
  }

  /**
   * Keys are strings, as in Camunda's REST API, because engine keys can exceed the integers that
   * JavaScript represents exactly.
   */
  record OrderAccepted(String orderId, String journeyKey) {}

  /** 201 for a new order, 200 for a repeat, which starts nothing. */
  @PostMapping("/api/orders")
  ResponseEntity<OrderAccepted> create(@Valid @RequestBody OrderRequest request) {
    OrderIntake.Accepted accepted = intake.accept(request);
    return ResponseEntity.status(accepted.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(
            new OrderAccepted(accepted.orderId(), Long.toString(accepted.journeyKey())));
  }
}
