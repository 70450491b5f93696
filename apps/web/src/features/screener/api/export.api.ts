import { useMutation } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { ApiError } from '../../../shared/api/api-error';
import type { Schema } from '../../../shared/api/parse-response';
import { toRawResponse, type Transport } from '../../../shared/api/raw-response';
import { downloadText } from '../../../shared/file/download';
import type { ScreenRequest } from '../model/screen-request';

interface CsvFile {
  csv: string;
  filename: string;
}

const csvFileSchema: Schema<CsvFile> = {
  safeParse: (data) => {
    const value = data as Partial<CsvFile> | null;
    return typeof value?.csv === 'string' && typeof value.filename === 'string'
      ? { success: true, data: { csv: value.csv, filename: value.filename } }
      : { success: false, error: { issues: [{ path: [], message: 'expected a CSV file' }] } };
  },
};

const filenameOf = (disposition: string | null, fallback: string) =>
  /filename="?([^";]+)"?/.exec(disposition ?? '')?.[1] ?? fallback;

/**
 * GET /screener/export through the client (auth, refresh on 401, errors in words). The answer is CSV, not JSON:
 * the transport hands the client the text and the file's name as JSON, and passes error answers through as they are.
 */
export async function fetchScreenCsv(request: ScreenRequest): Promise<CsvFile> {
  const url = api.url('/screener/export', {
    universeId: request.universeId ?? undefined,
    asOf: request.asOf ?? undefined,
    filter: request.filter,
    sort: request.sort ?? undefined,
    view: request.view,
  });
  const transport: Transport = async (headers) => {
    let response: Response;
    try {
      response = await window.fetch(url, { headers: { accept: 'text/csv', ...headers } });
    } catch (cause) {
      throw new ApiError(
        0,
        'NETWORK_ERROR',
        'Cannot reach the server. Check your connection and try again.',
        undefined,
        {
          cause,
        },
      );
    }
    const raw = await toRawResponse(response);
    if (!response.ok) return raw;
    const filename = filenameOf(response.headers.get('content-disposition'), 'screen.csv');
    return { ...raw, contentType: 'application/json', body: JSON.stringify({ csv: raw.body, filename }) };
  };
  return api.send(transport, csvFileSchema, 'GET /screener/export');
}

/** Downloads the whole screen (every row, not just those loaded) in the order shown. */
export function useExportScreen() {
  return useMutation({
    mutationFn: fetchScreenCsv,
    onSuccess: ({ csv, filename }) => downloadText(filename, csv, 'text/csv;charset=utf-8'),
  });
}
