package io.bulwark.engine.event;

import io.bulwark.engine.order.OrderState;

/** An existing order changed: filled, cancelled, triggered or amended. */
public record OrderUpdated(OrderState order) implements Event {}
