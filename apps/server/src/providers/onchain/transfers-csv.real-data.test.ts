import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTransfersCsv } from './transfers-csv';

// The real ethereum-etl file from ../shared/data/onchain (see its README); read in place, never copied.
const DATA = process.env.MARKETLENS_SHARED_DATA ?? '/work/shared/data';
const FILE = join(DATA, 'onchain/erc20_token_transfers_blocks_12600000-12600050.csv');
const present = existsSync(FILE);

describe.skipIf(!present)(
  `parseTransfersCsv on the real transfer file${present ? '' : ` (skipped: ${FILE} is absent)`}`,
  () => {
    it('accepts all 8,817 transfers of blocks 12,600,000-12,600,050 with exact values', async () => {
      const { transfers, summary } = await parseTransfersCsv(createReadStream(FILE, { highWaterMark: 16 * 1024 }));
      expect(summary).toMatchObject({
        layout: 'ethereum-etl',
        rows: 8817,
        accepted: 8817,
        duplicates: 0,
        rejectedTotal: 0,
        fromBlock: 12600000,
        toBlock: 12600050,
      });
      expect(new Set(transfers.map((t) => t.token)).size).toBe(791);
      expect(transfers[0]).toEqual({
        token: '0x6b175474e89094c44da98b954eedeac495271d0f',
        from: '0xc51f7bc0786b40d70a32f5a87cef638d8281e54c',
        to: '0xa478c2975ab1ea89e8196811f51a7b7ade33eb11',
        value: 54762757905318339384n, // 5.5e19: a Number would end in ...9384 rounded to ...9000
        txHash: '0xb2f411fb589ee91f4d4ac7db3837abe34fbc017b62b79fac39936c47b720a842',
        logIndex: 1,
        block: 12600000,
      });
      const shib = transfers.filter((t) => t.token === '0x95ad61b0a150d79219dcf64e1e6cc01f0b64c4ce');
      expect(shib).toHaveLength(74);
    });
  },
);
