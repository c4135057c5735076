// Exact decimal strings for prices and sizes: the API sends and takes decimals as strings, and a bot that
// rounds through a JavaScript number can send a price off the tick. Everything here is integer arithmetic
// on BigInt at a fixed scale.

/** The number of digits after the point in a decimal string ("0.10" -> 2). */
export function scaleOf(value: string): number {
  const point = value.indexOf(".");
  return point < 0 ? 0 : value.length - point - 1;
}

/** The decimal as an integer count of 10^-scale units ("65000.5", 2 -> 6500050n); refuses more digits. */
export function toUnits(value: string, scale: number): bigint {
  if (!/^-?\d+(\.\d+)?$/.test(value)) {
    throw new Error(`not a decimal: ${value}`);
  }
  const negative = value.startsWith("-");
  const [whole, fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > scale) {
    throw new Error(`${value} has more than ${scale} decimals`);
  }
  const units = BigInt((whole ?? "0") + fraction.padEnd(scale, "0").slice(0, scale));
  return negative ? -units : units;
}

/** The inverse of toUnits: 6500050n, 2 -> "65000.50". */
export function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/**
 * price × (10000 + bps) / 10000, rounded down to a multiple of tick (away from the book for a bid
 * below the mark, towards it for an ask above: both stay inside the price band the venue allows).
 */
export function offsetByBps(price: string, bps: number, tick: string): string {
  const scale = Math.max(scaleOf(price), scaleOf(tick));
  const tickUnits = toUnits(tick, scale);
  const moved = (toUnits(price, scale) * BigInt(10_000 + bps)) / 10_000n;
  return fromUnits((moved / tickUnits) * tickUnits, scale);
}

/** Compares two decimal strings exactly: negative, zero or positive as a < b, a = b, a > b. */
export function compareDecimals(a: string, b: string): number {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const difference = toUnits(a, scale) - toUnits(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
