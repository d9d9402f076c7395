/**
 * CLIP tokenizer cost: loading a tokenizer/ folder (vocab.json 49,408 entries + merges.txt
 * 48,894 merges, from their text as a worker receives them), the first encode (builds the lazy
 * ftfy tables), and encode() per prompt with a warm word cache and with words never seen before.
 * Run: npx tsx bench/tokenizer.ts
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ClipTokenizer } from "../src/engine/tokenizer";

const DIR = join(import.meta.dirname, "../test/fixtures/clip-tokenizer");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const files = {
  vocab: read("vocab.json"),
  merges: read("merges.txt"),
  tokenizerConfig: read("sd2/tokenizer_config.json"),
  specialTokensMap: read("sd2/special_tokens_map.json"),
};
const prompts: string[] = JSON.parse(read("cases.json")).cases.map((c: { prompt: string }) => c.prompt);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(2)} ms`;
const us = (value: number) => `${(value * 1000).toFixed(1)} µs`;

const loads: number[] = [];
let tokenizer!: ClipTokenizer;
for (let run = 0; run < 7; run++) {
  const start = performance.now();
  tokenizer = ClipTokenizer.fromFiles(files);
  loads.push(performance.now() - start);
}
console.log(`load (fromFiles, text → ready): first ${ms(loads[0])}, median of ${loads.length} ${ms(median(loads))}`);

let start = performance.now();
tokenizer.encode("a photo of a cat sitting on a windowsill, golden hour, 35mm");
console.log(`first encode (lazy tables): ${ms(performance.now() - start)}`);

start = performance.now();
tokenizer.encode("cafÃ© &amp; donâ€™t ＦＵＬＬ ﬁne");
console.log(`first encode with mojibake / entities / width fixes: ${ms(performance.now() - start)}`);

const ROUNDS = 50;
start = performance.now();
for (let round = 0; round < ROUNDS; round++) for (const prompt of prompts) tokenizer.encode(prompt);
const warm = (performance.now() - start) / (ROUNDS * prompts.length);
console.log(`encode, ${prompts.length} fixture prompts × ${ROUNDS}, warm word cache: ${us(warm)} per prompt`);

// Words the cache has never seen: every word runs the full BPE merge loop.
const fresh = Array.from({ length: 2000 }, (_, i) =>
  Array.from({ length: 12 }, (_, j) => `w${(i * 12 + j).toString(36)}x${((i * 7919 + j * 104729) % 99991).toString(36)}q`).join(" "),
);
const freshTokenizer = ClipTokenizer.fromFiles(files);
start = performance.now();
for (const prompt of fresh) freshTokenizer.encode(prompt);
console.log(`encode, 12 never-seen words per prompt (cold BPE): ${us((performance.now() - start) / fresh.length)} per prompt`);
