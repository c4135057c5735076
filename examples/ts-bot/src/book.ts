// Follows one market's order book over the WebSocket (asyncapi.yaml, channel `orderbook`): a `snapshot`,
// then `update`s whose per-market `sequence` must be contiguous; a gap means the book is no longer known
// and the client resubscribes, which is what this class does.
import WebSocket from "ws";

import { compareDecimals } from "./decimal.js";

type Level = [string, string];

interface BookMessage {
  type: string;
  channel?: string;
  market?: string;
  sequence?: number;
  bids?: Level[];
  asks?: Level[];
  code?: string;
  message?: string;
}

export class BookFollower {
  private readonly bids = new Map<string, string>();
  private readonly asks = new Map<string, string>();
  private sequence = -1;
  private waiters: Array<() => void> = [];
  private socket: WebSocket | undefined;
  resubscriptions = 0;

  constructor(
    private readonly url: string,
    private readonly market: string,
  ) {}

  /** Connects and resolves once the first snapshot has arrived. */
  async start(): Promise<void> {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.on("message", (data) => this.onMessage(JSON.parse(data.toString()) as BookMessage));
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    this.subscribe();
    await this.until(() => this.sequence >= 0, "the first orderbook snapshot");
  }

  stop(): void {
    this.socket?.close(1000, "bot done");
  }

  /** The size resting at a price on one side, "0" when the level is empty. */
  sizeAt(side: "bids" | "asks", price: string): string {
    const levels = side === "bids" ? this.bids : this.asks;
    for (const [levelPrice, size] of levels) {
      if (compareDecimals(levelPrice, price) === 0) {
        return size;
      }
    }
    return "0";
  }

  best(side: "bids" | "asks"): string | undefined {
    const prices = [...(side === "bids" ? this.bids : this.asks).keys()].sort(compareDecimals);
    return side === "bids" ? prices.at(-1) : prices[0];
  }

  /** Resolves when the condition holds on the followed book, or fails after the timeout. */
  until(condition: () => boolean, what: string, timeoutMillis = 10_000): Promise<void> {
    if (condition()) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMillis);
      const check = () => {
        if (condition()) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(check);
        }
      };
      this.waiters.push(check);
    });
  }

  private subscribe(): void {
    this.socket?.send(JSON.stringify({ op: "subscribe", channel: "orderbook", market: this.market }));
  }

  private onMessage(message: BookMessage): void {
    if (message.type === "error") {
      throw new Error(`websocket error ${message.code}: ${message.message}`);
    }
    if (message.channel !== "orderbook" || message.market !== this.market) {
      return;
    }
    if (message.type === "snapshot") {
      this.bids.clear();
      this.asks.clear();
      this.apply(message);
    } else if (message.type === "update") {
      if (this.sequence < 0) {
        return; // an update before the snapshot: the snapshot already contains it or will
      }
      if (message.sequence !== this.sequence + 1) {
        this.resubscriptions++;
        this.sequence = -1;
        this.socket?.send(JSON.stringify({ op: "unsubscribe", channel: "orderbook", market: this.market }));
        this.subscribe();
        return;
      }
      this.apply(message);
    }
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((check) => check());
  }

  private apply(message: BookMessage): void {
    for (const [side, levels] of [
      [this.bids, message.bids ?? []],
      [this.asks, message.asks ?? []],
    ] as const) {
      for (const [price, size] of levels) {
        if (compareDecimals(size, "0") === 0) {
          side.delete(price);
        } else {
          side.set(price, size);
        }
      }
    }
    this.sequence = message.sequence ?? 0;
  }
}
