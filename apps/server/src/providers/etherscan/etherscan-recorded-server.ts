import { readFileSync } from 'node:fs';
import { startLocalTestServer, type LocalTestServer, type Reply } from '../http/local-test-server';

export const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

export const TOKENTX_FIXTURE = 'tokentx-pepe-blocks-18000100-18000104.json';

/**
 * A loopback Etherscan serving recorded tokentx rows the way the real one pages them: rows in
 * [startblock, endblock], ascending, `offset` per page, and the page x offset cap refused in Etherscan's words.
 * `override` answers a request first (refusals, token info) when it returns a reply.
 */
export function startRecordedEtherscan(options: {
  windowSize: number;
  rows?: unknown[];
  override?: (params: URLSearchParams, nth: number) => Reply | undefined;
}): Promise<LocalTestServer> {
  const rows = options.rows ?? ((fixture(TOKENTX_FIXTURE) as { result: unknown[] }).result as unknown[]);
  return startLocalTestServer((req, nth) => {
    const params = new URL(req.url ?? '/', 'http://etherscan').searchParams;
    const special = options.override?.(params, nth);
    if (special) return special;
    const start = Number(params.get('startblock'));
    const end = Number(params.get('endblock'));
    const page = Number(params.get('page'));
    const offset = Number(params.get('offset'));
    if (page * offset > options.windowSize) return { status: 200, body: fixture('result-window-too-large.json') };
    const inRange = rows.filter((row) => {
      const block = Number((row as { blockNumber: string }).blockNumber);
      return block >= start && block <= end;
    });
    const slice = inRange.slice((page - 1) * offset, page * offset);
    if (slice.length === 0) return { status: 200, body: fixture('no-transactions-found.json') };
    return { status: 200, body: { status: '1', message: 'OK', result: slice } };
  });
}
