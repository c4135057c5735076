package io.bulwark.bench;

import io.bulwark.BulwarkApplication;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The W5 filler, run as its own JVM by {@link RecoveryBenchmark}: a Bulwark on the given database, and
 * closed-loop clients submitting commands to its engine gateway (as W2 does) until the journal holds the
 * requested number: resting BTC-USD-PERP orders, their cancels, and deposits, with the default periodic
 * snapshots (every 10,000 commands). Prints {@code FILLED <sequence>} and then waits to be killed, so the
 * recovery after it is a crash recovery (no shutdown snapshot).
 */
final class JournalFill {
    static final String MARKET = "BTC-USD-PERP";
    private static final BigDecimal MARK = new BigDecimal("65000");

    private JournalFill() {}

    static void run(String url, String user, String password, long commands, int clients) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(BulwarkApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + password,
                        "--bulwark.embedded-db.enabled=false",
                        "--bulwark.admin-key=" + RecoveryBenchmark.ADMIN_KEY,
                        "--bulwark.oracle.simulated=false",
                        "--logging.level.root=WARN");
        EngineGateway gateway = app.getBean(EngineGateway.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (gateway.nodeStatus().role() != NodeStatus.Role.WRITER && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread oracle = Thread.ofPlatform().daemon().start(() -> feedPrices(gateway));
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> trade(gateway, client, commands)));
        }
        long started = System.nanoTime();
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(5000);
            long sequence = gateway.nodeStatus().lastCommittedSequence();
            System.out.printf(
                    "fill: %,d commands journaled, %,.0f/s%n",
                    sequence, sequence / ((System.nanoTime() - started) / 1e9));
        }
        oracle.interrupt();
        System.out.println("FILLED " + gateway.nodeStatus().lastCommittedSequence());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** A healthy, fresh BTC price: three quotes now, then one a second. */
    private static void feedPrices(EngineGateway gateway) {
        int quotes = 3;
        while (!Thread.currentThread().isInterrupted()) {
            List<PostOraclePrices.Quote> batch = new ArrayList<>();
            for (int i = 0; i < quotes; i++) {
                batch.add(new PostOraclePrices.Quote(
                        MARKET, "bench-feed", MARK.toPlainString(), System.currentTimeMillis()));
            }
            gateway.submit(new PostOraclePrices(batch), "bench-oracle");
            quotes = 1;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void trade(EngineGateway gateway, int client, long commands) {
        String account = ((AccountCreated) ((Outcome.Applied) gateway.submit(
                                new CreateAccount("fill-" + client, "key_fill" + client, "hash_fill" + client),
                                "bench"))
                        .events()
                        .getFirst())
                .accountId();
        gateway.submit(new Deposit(account, new BigDecimal("1000000"), "fill-" + client + "-initial"), "bench");
        SplittableRandom random = new SplittableRandom(client);
        ArrayDeque<String> resting = new ArrayDeque<>();
        int n = 0;
        while (gateway.nodeStatus().lastCommittedSequence() < commands) {
            n++;
            if (n % 5 == 0) {
                gateway.submit(new Deposit(account, BigDecimal.ONE, "fill-" + client + "-" + n), "bench");
            } else if (!resting.isEmpty() && (resting.size() >= 50 || random.nextBoolean())) {
                gateway.submit(new CancelOrder(account, resting.pollFirst()), "bench");
            } else {
                boolean buy = random.nextBoolean();
                BigDecimal offset = new BigDecimal("0.1").multiply(BigDecimal.valueOf(1 + random.nextInt(1000)));
                Outcome outcome = gateway.submit(
                        new PlaceOrder(
                                account,
                                MARKET,
                                buy ? Side.BUY : Side.SELL,
                                OrderType.LIMIT,
                                TimeInForce.GTC,
                                // canonical, as the REST layer makes every decimal (OrderValues)
                                new BigDecimal(Decimals.plain(buy ? MARK.subtract(offset) : MARK.add(offset))),
                                null,
                                new BigDecimal("0.001"),
                                false,
                                ""),
                        "bench");
                if (outcome instanceof Outcome.Applied applied) {
                    applied.events().stream()
                            .filter(OrderPlaced.class::isInstance)
                            .map(e -> ((OrderPlaced) e).order().orderId())
                            .findFirst()
                            .ifPresent(resting::addLast);
                }
            }
        }
    }
}
