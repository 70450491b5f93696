import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_RISK_PARAMS, scanTransfers, type RiskAssessment, type RiskFlag } from '@marketlens/quant';
import { CsvFormatError } from '../providers/csv/csv-format.error';
import { parseTransfersCsv, type ParsedTransfers } from '../providers/onchain/transfers-csv';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';
import { withCliErrors } from './with-cli-errors';
import { exitCodes } from './exit-codes';

interface MemeScanOptions {
  transfers: string;
  token?: string;
  fromCreation?: boolean;
  json?: boolean;
}

const HELP = `
Scans ERC-20 transfers for on-chain anomalies, without a database: every token in FILE gets a risk score and
its flags, with the transactions that are the evidence (definitions and thresholds: docs/meme-radar.md).
  --transfers FILE  ethereum-etl token_transfers CSV (token_address, from_address, to_address, value,
                    transaction_hash, log_index, block_number; value in raw base units) or Etherscan's token
                    transfer CSV export ("Txhash"/"Transaction Hash", "Blockno", "UnixTimestamp", "From", "To",
                    "TokenValue"/"Quantity"/"Value" in whole tokens, "ContractAddress", "TokenSymbol").
  --token ADDRESS   the token of an Etherscan export from a token's page (it has no ContractAddress column).
  --from-creation   FILE holds every transfer of each token since its creation (first mint): only then are the
                    supply, holders and HOLDER_CONCENTRATION computed. Without it, they are null.

Time is the block number (the ethereum-etl file has no timestamps): windows count blocks, ~12 s each.

--json prints one document, tokens by riskScore descending, then token address:
  { "tokens": [{ "token", "symbol", "trusted", "riskScore", "transfers", "firstBlock", "lastBlock", "history",
      "supply", "holders", "top10Share", "hhi",
      "flags": [{ "code", "level", "weight", "message", "evidence": { "transactions": [hash, ...], "blocks",
      "addresses" } }] }],
    "input": { "file", "layout", "amountUnit", "rows", "accepted", "duplicates", "rejectedTotal",
      "rejected": [{ "line", "reason" }], "fromBlock", "toBlock" } }
  token      lower-case contract address; symbol from the file or null; trusted: the symbol when the token is on
             the trusted list (USDT, USDC, DAI, WETH, WBTC: their transfer flags are info only), else null
  riskScore  0..100 integer: 100 x (1 - prod(1 - weight)) over the flags
  code       HOLDER_CONCENTRATION, WHALE_TRANSFER, WASH_CYCLE, TRANSFER_BURST, FRESH_WALLET_CLUSTER, MINT_EVENT
             (PUMP_PATTERN and SENTIMENT_SPIKE need prices and posts, not read here)
  level      danger | warn | info; weight: the flag's share of the score (danger = the code's weight, warn = half,
             info = 0)
  evidence   transactions: hashes (at most ${DEFAULT_RISK_PARAMS.maxEvidence}); blocks: block numbers; addresses: wallets involved
  supply     decimal string, in the file's amount unit: raw base units (ethereum-etl) or whole tokens x 10^18
             (Etherscan); null unless --from-creation. top10Share and hhi: fractions 0..1, null likewise
  history    "complete" (--from-creation and consistent) or "partial"
Rows that cannot be read are listed in input.rejected with their line (on stderr without --json); the rest is
scanned. Errors with --json: { "error": { "code", "message", "exitCode" } }.`;

export function registerMemeCommand(program: Command): void {
  const meme = program.command('meme').description('Meme Radar: on-chain anomalies and risk scores');
  const command = meme
    .command('scan')
    .description('Score every token of an ERC-20 transfers CSV, without a database')
    .requiredOption('--transfers <file>', 'ethereum-etl or Etherscan token-transfer CSV')
    .option('--token <address>', 'token of an Etherscan token-page export (no ContractAddress column)')
    .option('--from-creation', 'the file starts at each token\u2019s creation: compute supply and holders')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP)
    .action(withCliErrors(async (opts: MemeScanOptions) => memeScan(opts)));
  exitCodes(command, {
    OK: 'success (also when nothing is flagged)',
    USAGE: 'bad option (e.g. --token not an address)',
    INVALID_INPUT: 'FILE is not a transfer CSV or has no readable row',
    NO_INPUT: 'FILE cannot be read',
  });
}

async function readTransfers(opts: MemeScanOptions): Promise<ParsedTransfers> {
  if (opts.token !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(opts.token)) {
    throw new CliError(`--token: a contract address (0x and 40 hex digits), got "${opts.token}"`, 64);
  }
  requireReadableFile(opts.transfers);
  let parsed: ParsedTransfers;
  try {
    parsed = await parseTransfersCsv(createReadStream(opts.transfers), { token: opts.token });
  } catch (err) {
    if (err instanceof CsvFormatError) throw new CliError(`${opts.transfers}: ${err.message}`, 65);
    throw err;
  }
  if (parsed.summary.accepted === 0) {
    const first = parsed.summary.rejected[0];
    const example = first ? `; first: line ${first.line}: ${first.reason}` : '';
    throw new CliError(
      `${opts.transfers}: no readable transfer row (${parsed.summary.rejectedTotal} rejected${example})`,
      65,
    );
  }
  return parsed;
}

const flagJson = (f: RiskFlag) => ({
  code: f.code,
  level: f.level,
  weight: f.weight,
  message: f.message,
  evidence: { transactions: f.evidence.transactions, blocks: f.evidence.blocks, addresses: f.evidence.addresses },
});

function tokenJson(a: RiskAssessment, symbols: Record<string, string>) {
  const m = a.metrics;
  return {
    token: a.token,
    symbol: symbols[a.token] ?? a.trusted,
    trusted: a.trusted,
    riskScore: a.riskScore,
    transfers: m.transfers,
    firstBlock: m.firstBlock,
    lastBlock: m.lastBlock,
    history: m.history,
    supply: m.supply === null ? null : m.supply.toString(),
    holders: m.holders,
    top10Share: m.topShare,
    hhi: m.hhi,
    flags: a.flags.map(flagJson),
  };
}

async function memeScan(opts: MemeScanOptions): Promise<void> {
  const { transfers, summary } = await readTransfers(opts);
  const assessments = scanTransfers(transfers, { fromCreation: opts.fromCreation ?? false });
  const { symbols, ...input } = summary;
  if (opts.json) {
    const tokens = assessments.map((a) => tokenJson(a, symbols));
    process.stdout.write(`${JSON.stringify({ tokens, input: { file: opts.transfers, ...input } })}\n`);
    return;
  }
  for (const r of summary.rejected)
    process.stderr.write(`marketlens: ${opts.transfers}: line ${r.line}: ${r.reason}\n`);
  if (summary.rejectedTotal > summary.rejected.length) {
    process.stderr.write(`marketlens: ... ${summary.rejectedTotal - summary.rejected.length} more rows rejected\n`);
  }
  const alarmed = assessments.filter((a) => a.riskScore > 0);
  for (const a of alarmed) {
    const name = symbols[a.token] ? `${a.token} (${symbols[a.token]})` : a.token;
    process.stdout.write(`${String(a.riskScore).padStart(3)}  ${name}\n`);
    for (const f of a.flags)
      if (f.level !== 'info') process.stdout.write(`       ${f.level.padEnd(6)} ${f.code}: ${f.message}\n`);
  }
  process.stdout.write(
    `${assessments.length} tokens in ${summary.accepted} transfers (blocks ${summary.fromBlock}-${summary.toBlock}), ` +
      `${alarmed.length} with a risk score above 0; --json lists every token with its evidence\n`,
  );
}
