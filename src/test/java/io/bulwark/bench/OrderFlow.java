package io.bulwark.bench;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * One trader's order traffic: mostly resting limit orders near the mark (buys below, sells above, so the
 * book never crosses by itself) and cancels of its own oldest resting orders, plus some IOC orders that
 * cross the spread and trade. Not thread-safe: one per worker.
 */
final class OrderFlow {
    /** A trader keeps at most this many resting orders; past it, the next request is a cancel. */
    private static final int MAX_RESTING = 50;

    private static final double CANCEL_SHARE = 0.45;
    private static final double CROSSING_SHARE = 0.05;
    private static final BigDecimal MARK = new BigDecimal(BenchExchange.MARK);
    private static final BigDecimal TICK = new BigDecimal("0.1");
    private static final BigDecimal STEP = new BigDecimal("0.001");
    /** IOC orders reach 20 USD through the mark: they take the best resting orders, well inside the price band. */
    private static final BigDecimal CROSS_BUY = MARK.add(new BigDecimal("20"));

    private static final BigDecimal CROSS_SELL = MARK.subtract(new BigDecimal("20"));

    enum Kind {
        PLACE,
        CROSS,
        CANCEL
    }

    record Request(Kind kind, String method, String path, String body) {}

    private final BenchExchange.Trader trader;
    private final String market;
    private final SplittableRandom random;
    private final ArrayDeque<String> resting = new ArrayDeque<>();

    OrderFlow(BenchExchange.Trader trader, String market, long seed) {
        this.trader = trader;
        this.market = market;
        this.random = new SplittableRandom(seed);
    }

    String apiKey() {
        return trader.apiKey();
    }

    Request next() {
        double roll = random.nextDouble();
        if (!resting.isEmpty() && (resting.size() >= MAX_RESTING || roll < CANCEL_SHARE)) {
            return new Request(Kind.CANCEL, "DELETE", "/api/v1/orders/" + resting.pollFirst(), null);
        }
        boolean buy = random.nextBoolean();
        BigDecimal size = STEP.multiply(BigDecimal.valueOf(1 + random.nextInt(5)));
        if (roll < CANCEL_SHARE + CROSSING_SHARE) {
            return new Request(
                    Kind.CROSS, "POST", "/api/v1/orders", order(buy, size, buy ? CROSS_BUY : CROSS_SELL, "IOC"));
        }
        // 0.1 to 100 USD away from the mark, on the tick grid
        BigDecimal offset = TICK.multiply(BigDecimal.valueOf(1 + random.nextInt(1000)));
        BigDecimal price = buy ? MARK.subtract(offset) : MARK.add(offset);
        return new Request(Kind.PLACE, "POST", "/api/v1/orders", order(buy, size, price, "GTC"));
    }

    private String order(boolean buy, BigDecimal size, BigDecimal price, String timeInForce) {
        return """
                {"market":"%s","side":"%s","type":"LIMIT","timeInForce":"%s","size":"%s","price":"%s"}""".formatted(market, buy ? "BUY" : "SELL", timeInForce, size.toPlainString(), price.toPlainString());
    }

    /** Remembers orders that rest, so later requests can cancel them. */
    void answered(Request request, BenchHttp.Reply reply) {
        if (request.kind() == Kind.PLACE && reply.status() == 201) {
            var order = reply.json();
            String status = order.path("status").asString();
            if (status.equals("OPEN") || status.equals("PARTIALLY_FILLED")) {
                resting.addLast(order.path("orderId").asString());
            }
        }
    }
}
