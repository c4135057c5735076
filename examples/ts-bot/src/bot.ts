// A small market-making bot for Bulwark. Every REST call is typed from ../../openapi.yaml (openapi-typescript
// generates src/api.d.ts at build time, openapi-fetch calls it), so a contract change that breaks clients
// breaks this build. It quotes a bid and an ask in one batch, follows the book over the WebSocket until
// both show, moves its bid, cancels it by its own client order id, and arms the dead man's switch so its
// ask is cancelled if the bot dies.
//
//   BULWARK_URL=http://localhost:8080 BULWARK_API_KEY=bwk_… BULWARK_MARKET=BTC-USD-PERP npm start
import createClient from "openapi-fetch";

import type { paths } from "./api.js";
import { BookFollower } from "./book.js";
import { offsetByBps } from "./decimal.js";

const baseUrl = required("BULWARK_URL");
const apiKey = required("BULWARK_API_KEY");
const market = process.env.BULWARK_MARKET ?? "BTC-USD-PERP";
const run = process.env.BULWARK_RUN_ID ?? Date.now().toString(36);

const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`set ${name}`);
  }
  return value;
}

/** One line of JSON a step: what the bot did and what the exchange answered. */
function say(step: string, detail: Record<string, unknown>): void {
  console.log(JSON.stringify({ step, ...detail }));
}

/** A field the contract leaves optional but this step needs. */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) {
    throw new Error(`the answer has no ${what}`);
  }
  return value;
}

/** openapi-fetch returns {data, error, response}; a bot stops on any answer it did not plan for. */
function expect<T>(step: string, result: { data?: T; error?: unknown; response: Response }, status: number): T {
  if (result.response.status !== status || result.data === undefined) {
    throw new Error(`${step}: expected ${status}, got ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

async function main(): Promise<void> {
  const time = expect("time", await api.GET("/api/v1/system/time"), 200);
  say("time", { serverTime: time.time, offsetMillis: time.epochMillis - Date.now() });

  const spec = expect(
    "market",
    await api.GET("/api/v1/markets/{market}", { params: { path: { market } } }),
    200,
  );
  const mark = must(spec.markPrice, `mark price of ${market}`);
  const tick = must(spec.tickSize, "tickSize");
  const bidPrice = offsetByBps(mark, -200, tick);
  const askPrice = offsetByBps(mark, 200, tick);
  const size = must(spec.minSize, "minSize");
  say("market", { market, markPrice: mark, bidPrice, askPrice, size });

  const book = new BookFollower(`${baseUrl.replace(/^http/, "ws")}/ws/v1`, market);
  await book.start();
  say("book", { bestBid: book.best("bids") ?? null, bestAsk: book.best("asks") ?? null });

  const bidId = `bot-${run}-bid`;
  const askId = `bot-${run}-ask`;
  const batch = expect(
    "batch",
    await api.POST("/api/v1/orders/batch", {
      body: {
        orders: [
          { market, side: "BUY", type: "LIMIT", timeInForce: "POST_ONLY", price: bidPrice, size, clientOrderId: bidId },
          { market, side: "SELL", type: "LIMIT", timeInForce: "POST_ONLY", price: askPrice, size, clientOrderId: askId },
        ],
      },
    }),
    200,
  );
  const statuses = batch.results.map((result) => result.status);
  say("batch", { statuses });
  if (statuses.some((status) => status !== 201)) {
    throw new Error(`batch: ${JSON.stringify(batch.results)}`);
  }
  await book.until(
    () => book.sizeAt("bids", bidPrice) !== "0" && book.sizeAt("asks", askPrice) !== "0",
    "both quotes on the book",
  );
  say("quoted", { bid: [bidPrice, book.sizeAt("bids", bidPrice)], ask: [askPrice, book.sizeAt("asks", askPrice)] });

  const bid = expect(
    "find bid",
    await api.GET("/api/v1/orders/by-client-id/{clientOrderId}", { params: { path: { clientOrderId: bidId } } }),
    200,
  );
  const lowerBid = offsetByBps(mark, -300, tick);
  const amended = expect(
    "amend",
    await api.PATCH("/api/v1/orders/{orderId}", {
      params: { path: { orderId: must(bid.orderId, "orderId") } },
      body: { price: lowerBid },
    }),
    200,
  );
  await book.until(
    () => book.sizeAt("bids", lowerBid) !== "0" && book.sizeAt("bids", bidPrice) === "0",
    "the bid to move",
  );
  say("amended", { orderId: amended.orderId, price: amended.price, status: amended.status });

  const cancelled = expect(
    "cancel by client id",
    await api.DELETE("/api/v1/orders/by-client-id/{clientOrderId}", { params: { path: { clientOrderId: bidId } } }),
    200,
  );
  await book.until(() => book.sizeAt("bids", lowerBid) === "0", "the bid to leave the book");
  say("cancelled", { clientOrderId: cancelled.clientOrderId, status: cancelled.status });

  const armed = expect(
    "dead man's switch",
    await api.POST("/api/v1/orders/cancel-after", { body: { seconds: 60 } }),
    200,
  );
  say("armed", { deadline: armed.deadline });

  const ticker = expect(
    "ticker",
    await api.GET("/api/v1/markets/{market}/ticker", { params: { path: { market } } }),
    200,
  );
  say("ticker", { bestBid: ticker.bestBid ?? null, bestAsk: ticker.bestAsk ?? null, markPrice: ticker.markPrice });
  say("done", { resubscriptions: book.resubscriptions });
  book.stop();
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ step: "failed", error: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
