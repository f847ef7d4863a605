package dev.journeys.journey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings the post-purchase journey receives as start variables, so bpmn/post-purchase.bpmn reads
 * them (Modeler users see a variable, not a number buried in a timer).
 *
 * @param feedbackWithoutDeliveryAfter some carriers never report delivery: this long after the
 *     last shipment event of a shipped order, the journey asks for feedback anyway (variable
 *     {@code feedbackWithoutDeliveryAfter}, an ISO-8601 duration)
 */
@ConfigurationProperties("journeys.post-purchase")
record PostPurchaseProperties(@DefaultValue("5d") Duration feedbackWithoutDeliveryAfter) {}
