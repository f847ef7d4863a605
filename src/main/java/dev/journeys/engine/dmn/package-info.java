/**
 * DMN: decision requirements graphs parsed and decisions evaluated with dmn-scala, the DMN engine
 * Zeebe 8.8 uses, configured as Zeebe configures it; results in the engine's plain Java values.
 */
package dev.journeys.engine.dmn;
