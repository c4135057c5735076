/**
 * The desks: each subpackage applies one kind of command (trading, account, market, oracle, funding,
 * liquidation, maintenance, refund, transition) to the models below. A desk never uses a sibling desk;
 * where one needs another's service it goes through a narrow interface declared here ({@link
 * io.bulwark.engine.desk.OrderCancels}, {@link io.bulwark.engine.desk.TradingStateChanges}), which the
 * Engine wires. EngineLayerTests keeps it so.
 */
package io.bulwark.engine.desk;
