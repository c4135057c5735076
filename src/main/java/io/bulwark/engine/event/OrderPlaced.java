package io.bulwark.engine.event;

import io.bulwark.engine.order.OrderState;

/** A new order, as it stands once its command is done (after any immediate fills). */
public record OrderPlaced(OrderState order) implements Event {}
