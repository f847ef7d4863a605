package dev.journeys.orders;

import jakarta.validation.constraints.Size;

/** The JSON body of POST /api/orders/{orderId}/cancellation; the body may be left out. */
record CancellationRequest(@Size(max = 500) String reason) {}
