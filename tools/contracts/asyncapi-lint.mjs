// Parses an AsyncAPI document with @asyncapi/parser and fails on any error diagnostic.
// Usage: node asyncapi-lint.mjs <asyncapi.yaml>. Warnings, infos and hints are printed; only errors fail.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Parser, fromFile } from "@asyncapi/parser";

const SEVERITY = ["error", "warning", "info", "hint"];

const path = process.argv[2];
if (!path) {
  console.error("usage: node asyncapi-lint.mjs <asyncapi.yaml>");
  process.exit(2);
}
await readFile(path); // a missing file is an error of its own, not an empty document

const { document, diagnostics } = await fromFile(new Parser(), resolve(path)).parse();
const counts = [0, 0, 0, 0];
for (const d of diagnostics) {
  counts[d.severity] += 1;
  const line = d.range ? `${d.range.start.line + 1}:${d.range.start.character + 1}` : "?";
  console.log(`${SEVERITY[d.severity].padEnd(7)} ${path}:${line} ${d.code} ${d.message} at #/${d.path.join("/")}`);
}
console.log(
  `${path}: ${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} infos, ${counts[3]} hints` +
    (document ? "" : " (the document did not parse)"),
);
process.exit(counts[0] > 0 || !document ? 1 : 0);
