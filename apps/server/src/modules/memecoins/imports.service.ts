import type { z } from 'zod';
import type { memeImportResponseSchema } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, PayloadTooLargeError } from '../../http/http-errors';
import { CsvFormatError } from '../../providers/csv/csv-format.error';
import type { CsvInput } from '../../providers/csv/csv-records';
import { parseTransfersCsv } from '../../providers/onchain/transfers-csv';
import { detectPostsFormat, parsePostsFile } from '../../providers/social/posts-file';
import { requireToken } from './assess.service';
import { MEMECOINS_ASSESS_JOB, type AssessPayload } from './memecoins-jobs';
import { insertPosts } from './posts.store';
import { scoredPostRows } from './post-sentiment';
import { insertTransfers } from './transfers.store';

type ImportResult = z.infer<typeof memeImportResponseSchema>;

/** Rejected lines listed in an answer; the rest are counted. */
const LISTED = 100;

export interface UploadedFile {
  input: CsvInput;
  filename: string;
  /** True when the upload limit cut the file short (checked before anything is stored). */
  truncated: () => boolean;
}

async function queueAssessment(ctx: AppContext, address: string): Promise<string | null> {
  const payload: AssessPayload = { address, trigger: 'import' };
  const { id } = await ctx.jobs.enqueue(MEMECOINS_ASSESS_JOB, payload);
  return id;
}

/**
 * Imports ERC-20 transfers of one token from a CSV (ethereum-etl or Etherscan export). Bad rows are rejected with
 * their line and reason, rows of other tokens are counted as ignored, transfers already stored are duplicates.
 * The good rows are stored in one transaction, then an assessment is queued when anything was new.
 */
export async function importTransfers(ctx: AppContext, address: string, file: UploadedFile): Promise<ImportResult> {
  const token = await requireToken(ctx, address);
  let parsed;
  try {
    parsed = await parseTransfersCsv(file.input, { token: token.address, maxRejectedListed: LISTED });
  } catch (err) {
    if (err instanceof CsvFormatError)
      throw new BadRequestError('TRANSFERS_FORMAT', `${file.filename}: ${err.message}`);
    throw err;
  }
  if (file.truncated()) throw new PayloadTooLargeError(ctx.config.http.uploadLimitBytes);
  const mine = parsed.transfers.filter((t) => t.token === token.address);
  if (parsed.summary.rows > 0 && mine.length === 0 && parsed.summary.accepted > 0) {
    throw new BadRequestError(
      'NO_TRANSFERS_OF_TOKEN',
      `${file.filename} holds ${parsed.summary.accepted} transfers, none of token ${token.address}`,
    );
  }
  const inserted = await insertTransfers(ctx.db.orm, token.address, mine);
  return {
    rows: parsed.summary.rows,
    inserted,
    duplicates: mine.length - inserted + parsed.summary.duplicates,
    rejected: parsed.summary.rejected.map((r) => ({ line: r.line, message: r.reason })),
    rejectedTotal: parsed.summary.rejectedTotal,
    ignored: parsed.transfers.length - mine.length,
    assessJobId: inserted > 0 ? await queueAssessment(ctx, token.address) : null,
  };
}

async function readText(input: CsvInput): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Imports posts about one token from CSV or JSONL (by extension, else by content), scores each text with the
 * sentiment model and stores them; a (source, id) already stored is a duplicate.
 */
export async function importPosts(ctx: AppContext, address: string, file: UploadedFile): Promise<ImportResult> {
  const token = await requireToken(ctx, address);
  const text = await readText(file.input);
  if (file.truncated()) throw new PayloadTooLargeError(ctx.config.http.uploadLimitBytes);
  const format = detectPostsFormat(file.filename, text);
  const { posts, rejected } = parsePostsFile(text, format);
  if (posts.length === 0 && rejected.length === 0) {
    throw new BadRequestError('POSTS_EMPTY', `${file.filename} holds no posts`);
  }
  const inserted = await insertPosts(ctx.db.orm, scoredPostRows(token.address, posts));
  return {
    rows: posts.length + rejected.length,
    inserted,
    duplicates: posts.length - inserted,
    rejected: rejected.slice(0, LISTED),
    rejectedTotal: rejected.length,
    ignored: 0,
    assessJobId: inserted > 0 ? await queueAssessment(ctx, token.address) : null,
  };
}
