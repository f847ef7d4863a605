/**
 * The engine's clock: the one part of the engine another module may use (simulate moves the
 * controlled clock), declared as the engine's named interface "clock".
 */
@NamedInterface("clock")
package dev.journeys.engine.clock;

import org.springframework.modulith.NamedInterface;
