import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli';

// `marketlens meme scan` as a user runs it: the JSON contract of issue 12, the order of tokens, the evidence,
// the trusted list, rejected rows with line numbers, and the exit codes.

const SHARED_FILE = '/work/shared/data/onchain/erc20_token_transfers_blocks_12600000-12600050.csv';
const dir = mkdtempSync(join(tmpdir(), 'ml-meme-cli-'));
const run = (...args: string[]) => runCli(join(dir, 'db'), args);

interface Flag {
  code: string;
  level: string;
  weight: number;
  evidence: { transactions: string[]; blocks: number[]; addresses: string[] };
}
interface Token {
  token: string;
  riskScore: number;
  trusted: string | null;
  flags: Flag[];
  [key: string]: unknown;
}
interface Scan {
  tokens: Token[];
  input: { rows: number; accepted: number; rejectedTotal: number; rejected: { line: number; reason: string }[] };
}

const addr = (c: string) => `0x${c.repeat(40)}`;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const RING = addr('a');
const QUIET = addr('b');
const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';
const [A, B, C, D] = [addr('1'), addr('2'), addr('3'), addr('4')];

/** A token with three A <-> B round trips (a danger wash flag), a quiet token, and USDT doing the same trips. */
function fixture(): string {
  const rows = ['token_address,from_address,to_address,value,transaction_hash,log_index,block_number'];
  let n = 0;
  for (const token of [RING, USDT]) {
    for (let k = 0; k < 3; k++) {
      rows.push(`${token},${A},${B},${1000 + k}000000000000000000,${hash(++n)},0,${100 + 4 * k}`);
      rows.push(`${token},${B},${A},${990 + k}000000000000000000,${hash(++n)},0,${102 + 4 * k}`);
    }
  }
  rows.push(`${QUIET},${C},${D},5,${hash(++n)},0,101`);
  rows.push(`${QUIET},${C},not-an-address,5,${hash(++n)},1,101`); // line 15: rejected
  const file = join(dir, 'transfers.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe('marketlens meme scan (files made here)', { timeout: 120_000 }, () => {
  const file = fixture();

  it('prints the JSON contract: tokens by riskScore then address, flags with their evidence transactions', () => {
    const result = run('meme', 'scan', '--transfers', file, '--json');
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as Scan;
    expect(out.tokens.map((t) => [t.token, t.riskScore])).toEqual([
      [RING, 50],
      [QUIET, 0],
      [USDT, 0],
    ]);
    const ring = out.tokens[0]!;
    for (const key of ['token', 'riskScore', 'flags']) expect(ring, key).toHaveProperty(key);
    expect(ring.flags).toHaveLength(1);
    expect(ring.flags[0]).toMatchObject({ code: 'WASH_CYCLE', level: 'danger', weight: 0.5 });
    expect(ring.flags[0]!.evidence.transactions).toEqual([1, 2, 3, 4, 5, 6].map(hash));
    expect(ring.flags[0]!.evidence.addresses).toEqual([A, B]);
    const usdt = out.tokens[2]!;
    expect(usdt.trusted, 'USDT is on the trusted list').toBe('USDT');
    expect(usdt.flags.map((f) => [f.code, f.level, f.weight])).toEqual([['WASH_CYCLE', 'info', 0]]);
    expect(out.input).toMatchObject({ rows: 14, accepted: 13, rejectedTotal: 1 });
    expect(out.input.rejected).toEqual([{ line: 15, reason: 'invalid address "not-an-address" in column to_address' }]);
  });

  it('prints the flagged tokens as text and the rejected rows on stderr with their line', () => {
    const result = run('meme', 'scan', '--transfers', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(` 50  ${RING}\\n\\s+danger WASH_CYCLE: 3 wash cycles`));
    expect(result.stdout).toMatch(/3 tokens in 13 transfers \(blocks 100-110\), 1 with a risk score above 0/);
    expect(result.stderr).toContain('line 15: invalid address "not-an-address" in column to_address');
  });

  it('reads an Etherscan token-page export with --token', () => {
    const csv = join(dir, 'etherscan.csv');
    writeFileSync(
      csv,
      '"Transaction Hash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","Quantity","Method"\n' +
        `"${hash(1)}","100","1623196800","2021-06-09 00:00:00","${A}","${B}","1,000","Transfer"\n` +
        `"${hash(2)}","103","1623196836","2021-06-09 00:00:36","${B}","${A}","990.5","Transfer"\n`,
    );
    const result = run('meme', 'scan', '--transfers', csv, '--token', RING, '--json');
    expect(result.code, result.stdout).toBe(0);
    const out = JSON.parse(result.stdout) as Scan;
    expect(out.tokens.map((t) => [t.token, t.riskScore, t.flags.map((f) => f.code)])).toEqual([
      [RING, 25, ['WASH_CYCLE']],
    ]);
    expect(out.input).toMatchObject({ layout: 'etherscan', amountUnit: 'token-units-e18' });
  });

  it('answers errors in words with exit codes 64, 65 and 66, as JSON with --json', () => {
    const notCsv = join(dir, 'bars.csv');
    writeFileSync(notCsv, 'Date,Open,High,Low,Close\n2020-01-01,1,1,1,1\n');
    const allBad = join(dir, 'all-bad.csv');
    writeFileSync(
      allBad,
      `token_address,from_address,to_address,value,transaction_hash,log_index,block_number\n${RING},x,y,1,z,0,1\n`,
    );
    const cases: [string[], number, string, RegExp][] = [
      [['--transfers', file, '--token', '0x12'], 64, 'USAGE', /--token: a contract address/],
      [['--token', RING], 64, 'USAGE', /required option '--transfers <file>'/],
      [['--transfers', join(dir, 'nope.csv')], 66, 'NO_INPUT', /file not found: .*nope\.csv/],
      [['--transfers', notCsv], 65, 'INVALID_INPUT', /bars\.csv: line 1: not a token-transfer CSV/],
      [
        ['--transfers', allBad],
        65,
        'INVALID_INPUT',
        /no readable transfer row \(1 rejected; first: line 2: invalid address "x"/,
      ],
    ];
    for (const [args, code, name, message] of cases) {
      const result = run('meme', 'scan', ...args, '--json');
      expect(result.code, `${args.join(' ')}: ${result.stdout}`).toBe(code);
      const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string; exitCode: number } };
      expect(error).toMatchObject({ code: name, exitCode: code });
      expect(error.message).toMatch(message);
    }
    const plain = run('meme', 'scan', '--transfers', join(dir, 'nope.csv'));
    expect(plain.code).toBe(66);
    expect(plain.stderr).toMatch(/marketlens: file not found/);
  });

  it('documents the options, the JSON fields, the units and the exit codes in --help', () => {
    const help = run('meme', 'scan', '--help');
    expect(help.code).toBe(0);
    for (const text of [
      '--transfers',
      '--token',
      '--from-creation',
      '--json',
      '"tokens"',
      '"riskScore"',
      '"flags"',
      '"evidence"',
      '"transactions"',
      'base units',
      'blocks',
      'Exit codes',
      '64',
      '65',
      '66',
    ]) {
      expect(help.stdout, text).toContain(text);
    }
  });
});

describe.skipIf(!existsSync(SHARED_FILE))(
  `marketlens meme scan on the real transfer file${existsSync(SHARED_FILE) ? '' : ' (skipped: ../shared/data is absent)'}`,
  { timeout: 120_000 },
  () => {
    it('scores all 791 tokens of blocks 12,600,000-12,600,050 in order; SHIB raises no alarm', () => {
      const result = run('meme', 'scan', '--transfers', SHARED_FILE, '--json');
      expect(result.code, result.stderr).toBe(0);
      const out = JSON.parse(result.stdout) as Scan;
      expect(out.input).toMatchObject({ rows: 8817, accepted: 8817, rejectedTotal: 0 });
      expect(out.tokens).toHaveLength(791);
      const order = out.tokens.map((t) => [t.riskScore, t.token] as const);
      const sorted = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
      expect(order, 'riskScore descending, then token address').toEqual(sorted);
      const alarmed = out.tokens.filter((t) => t.riskScore > 0);
      expect(alarmed).toHaveLength(15);
      expect(alarmed[0]).toMatchObject({ token: '0xc2c747e0f7004f9e8817db2ca4997657a7746928', riskScore: 50 });
      const shib = out.tokens.find((t) => t.token === '0x95ad61b0a150d79219dcf64e1e6cc01f0b64c4ce')!;
      expect(shib).toMatchObject({ riskScore: 0, flags: [], transfers: 74, history: 'partial', holders: null });
      for (const symbol of ['USDT', 'USDC', 'DAI', 'WETH', 'WBTC']) {
        const t = out.tokens.find((x) => x.trusted === symbol)!;
        expect(t.riskScore, `${symbol} is trusted`).toBe(0);
      }
      for (const t of alarmed) {
        for (const f of t.flags.filter((x) => x.level !== 'info')) {
          expect(f.evidence.transactions.length, `${t.token} ${f.code} names its transactions`).toBeGreaterThan(0);
        }
      }
    });
  },
);
