// Meme scan (issue 12): `marketlens meme scan`'s work on a 1,000,000-transfer ethereum-etl file: reading it with
// the transfers CSV importer (validation, exact bigint values, duplicate check) and assessing every token with
// scanTransfers (all six transfer detectors). The file is synthetic (seeded), written once into bench/.data:
// 2,000 tokens with Zipf-like popularity over 50,000 blocks (~7 days) and 100,000 wallets, plus the synthetic
// demo token's transfers, whose planted patterns must be found. No established JS library does this scan, so the
// reference is the floor for reading the file: a plain split-and-BigInt loop with no validation at all.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import {
  createSeededRandom,
  generateDemoToken,
  scanTransfers,
  syntheticAddress,
  syntheticTxHash,
} from '@marketlens/quant';
import { parseTransfersCsv } from '../apps/server/src/providers/onchain/transfers-csv';

const TRANSFERS = Number(process.env.BENCH_MEME_TRANSFERS ?? 1_000_000);
const DATA_DIR = new URL('./.data/', import.meta.url).pathname;
const CSV = join(DATA_DIR, `transfers-${TRANSFERS}.csv`);
const TOKENS = 2_000;
const WALLETS = 100_000;
const BLOCKS = 50_000;
const FIRST_BLOCK = 19_000_000;

async function ensureCsv(): Promise<string> {
  const demo = generateDemoToken({ seed: 42, startMs: Date.UTC(2026, 0, 1), startBlock: FIRST_BLOCK + 10_000 });
  if (existsSync(CSV)) return demo.token;
  mkdirSync(DATA_DIR, { recursive: true });
  const rng = createSeededRandom(12);
  const tokens = Array.from({ length: TOKENS }, () => syntheticAddress(rng));
  const wallets = Array.from({ length: WALLETS }, () => syntheticAddress(rng));
  // Token k is drawn with weight 1/(k + 1): a few busy tokens, a long tail of quiet ones.
  const cumulative: number[] = [];
  tokens.forEach((_, k) => cumulative.push((cumulative[k - 1] ?? 0) + 1 / (k + 1)));
  const total = cumulative.at(-1)!;
  const pickToken = () => {
    const u = rng.next() * total;
    let lo = 0;
    let hi = TOKENS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return tokens[lo]!;
  };
  const out = createWriteStream(CSV);
  out.write('token_address,from_address,to_address,value,transaction_hash,log_index,block_number\n');
  const synthetic = TRANSFERS - demo.transfers.length;
  const demoRows = demo.transfers.map((t) => ({ ...t, value: t.value.toString() }));
  let d = 0;
  let chunk = '';
  for (let i = 0; i < synthetic; i++) {
    const block = FIRST_BLOCK + Math.floor((i * BLOCKS) / synthetic);
    while (d < demoRows.length && demoRows[d]!.block <= block) {
      const t = demoRows[d++]!;
      chunk += `${t.token},${t.from},${t.to},${t.value},${t.txHash},${1000 + t.logIndex},${t.block}\n`;
    }
    const value = BigInt(Math.round(Math.exp(3 * rng.normal()) * 1e6)) * 10n ** 12n;
    const from = wallets[rng.int(WALLETS)]!;
    const to = wallets[rng.int(WALLETS)]!;
    chunk += `${pickToken()},${from},${to},${value},${syntheticTxHash(rng)},${i % 500},${block}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  for (; d < demoRows.length; d++) {
    const t = demoRows[d]!;
    chunk += `${t.token},${t.from},${t.to},${t.value},${t.txHash},${1000 + t.logIndex},${t.block}\n`;
  }
  out.end(chunk);
  await once(out, 'finish');
  return demo.token;
}

function plainRead(): number {
  let n = 0;
  let sum = 0n;
  for (const line of readFileSync(CSV, 'utf8').split('\n').slice(1)) {
    if (line === '') continue;
    const cells = line.split(',');
    sum += BigInt(cells[3]!);
    n++;
  }
  return sum > 0n ? n : 0;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (n: number, s: number) => `${(n / s / 1e3).toFixed(0)}k transfers/s`;

export async function runMemeScanBenchmark(): Promise<void> {
  console.log(`\n## Meme scan (${TRANSFERS.toLocaleString('en')} transfers)`);
  const demoToken = await ensureCsv();
  let start = process.hrtime.bigint();
  const { transfers, summary } = await parseTransfersCsv(createReadStream(CSV, { highWaterMark: 1 << 20 }));
  const parseS = seconds(start);
  start = process.hrtime.bigint();
  const assessments = scanTransfers(transfers);
  const scanS = seconds(start);
  const rss = process.memoryUsage().rss / 2 ** 20;
  start = process.hrtime.bigint();
  const plain = plainRead();
  const plainS = seconds(start);
  const demo = assessments.find((a) => a.token === demoToken);
  const tokens = new Set(transfers.map((t) => t.token)).size;
  console.log(`read ${summary.accepted} transfers (${summary.rejectedTotal} rejected) of ${tokens} tokens`);
  console.log(`| step | time | throughput |`);
  console.log(`|---|---|---|`);
  console.log(
    `| parseTransfersCsv (validated, bigint values) | ${parseS.toFixed(2)} s | ${rate(summary.accepted, parseS)} |`,
  );
  console.log(
    `| scanTransfers (every token, six detectors) | ${scanS.toFixed(2)} s | ${rate(transfers.length, scanS)} |`,
  );
  console.log(`| both | ${(parseS + scanS).toFixed(2)} s | ${rate(transfers.length, parseS + scanS)} |`);
  console.log(
    `| floor: split + BigInt, no validation | ${plainS.toFixed(2)} s | ${rate(plain, plainS)} (parse/floor ${(parseS / plainS).toFixed(2)}x) |`,
  );
  console.log(`resident memory after the scan: ${rss.toFixed(0)} MiB`);
  console.log(
    `demo token: score ${demo?.riskScore}, flags ${demo?.flags.map((f) => `${f.code}:${f.level}`).join(' ')}; ` +
      `tokens with a score above 0: ${assessments.filter((a) => a.riskScore > 0).length}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runMemeScanBenchmark();
