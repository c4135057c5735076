package io.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Runs the TypeScript example bot ({@code examples/ts-bot}) against this running service: its types are
 * generated from {@code openapi.yaml} at build time, so a contract change that breaks clients fails here
 * (the compile) or in the run (the answers). Needs Node.js 20+ and npm on the PATH (`.ci/run` installs them).
 */
class TsBotTests extends TradingApiTestBase {
    private static final Path BOT = Path.of("examples", "ts-bot");

    @Test
    void theExampleBotQuotesAmendsCancelsByClientIdAndArmsTheDeadMansSwitch() throws Exception {
        String market = newMarket();
        markAt(market, "65000");
        Trader trader = newFundedTrader("100000");

        if (!Files.isDirectory(BOT.resolve("node_modules"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
        }
        run(List.of("npm", "run", "build"), Map.of(), 300);
        Result bot = run(
                List.of("node", "dist/bot.js"),
                Map.of(
                        "BULWARK_URL",
                        "http://127.0.0.1:" + port,
                        "BULWARK_API_KEY",
                        trader.apiKey(),
                        "BULWARK_MARKET",
                        market,
                        "BULWARK_RUN_ID",
                        "ci"),
                120);
        System.out.println("[ts-bot] printed:\n" + bot.output());

        assertThat(bot.exitCode()).as(bot.output()).isZero();
        assertThat(bot.output()).contains("\"step\":\"done\"");

        JsonNode bid = api.get("/api/v1/orders/by-client-id/bot-ci-bid", trader.apiKey())
                .assertStatus(200)
                .json();
        assertThat(bid.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(new java.math.BigDecimal(bid.path("price").asString())).isEqualByComparingTo("63050");
        JsonNode ask = api.get("/api/v1/orders/by-client-id/bot-ci-ask", trader.apiKey())
                .assertStatus(200)
                .json();
        assertThat(ask.path("status").asString()).isEqualTo("OPEN");
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Map<String, String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("ts-bot", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(BOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "examples/ts-bot needs Node.js 20+ and npm on the PATH (bash .ci/run installs them): " + e, e);
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!command.get(0).equals("node")) {
            assertThat(process.exitValue())
                    .as(String.join(" ", command) + ":\n" + output)
                    .isZero();
        }
        return new Result(process.exitValue(), output);
    }
}
