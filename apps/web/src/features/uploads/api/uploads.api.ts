import { importSummarySchema, uploadListSchema, type Timeframe } from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { xhrUploadTransport, type UploadProgress } from '../../../shared/api/xhr-transport';

const UPLOADS_QUERY_KEY = ['uploads'] as const;

export function useUploads() {
  return useQuery({ queryKey: UPLOADS_QUERY_KEY, queryFn: () => api.request('/uploads', uploadListSchema) });
}

export interface UploadCsvInput {
  file: File;
  symbol: string;
  timeframe: Timeframe;
  timezone: string;
  onProgress: (progress: UploadProgress) => void;
}

export function uploadCsv({ file, symbol, timeframe, timezone, onProgress }: UploadCsvInput) {
  const path = `/instruments/${encodeURIComponent(symbol)}/import`;
  const transport = (headers: Record<string, string>) => {
    // A retry after a token refresh sends the file again, so it needs a fresh FormData.
    const body = new FormData();
    body.append('file', file, file.name);
    return xhrUploadTransport({
      method: 'POST',
      url: api.url(path, { timeframe, timezone }),
      body,
      onProgress,
    })(headers);
  };
  return api.send(transport, importSummarySchema, `POST ${path}`);
}

export function useUploadCsv(onUploaded?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadCsv,
    // A failed upload is recorded too, so refresh the list either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: UPLOADS_QUERY_KEY }),
    onSuccess: () => onUploaded?.(),
  });
}
