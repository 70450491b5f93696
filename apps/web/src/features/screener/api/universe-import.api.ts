import { universeImportResultSchema, type UniverseImportResult } from '@marketlens/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { xhrUploadTransport } from '../../../shared/api/xhr-transport';
import type { UniverseImportQuery } from '../model/check-universe-import';
import { UNIVERSES_QUERY_KEY } from './screener.api';

const PATH = '/screener/universes';

export interface UniverseImportInput {
  file: File;
  /** Name and rules: the server reads them from the query string, the file from the multipart body. */
  query: UniverseImportQuery;
}

export function importUniverse({ file, query }: UniverseImportInput): Promise<UniverseImportResult> {
  const url = api.url(PATH, query);
  const transport = (headers: Record<string, string>) => {
    // A retry after a token refresh sends the file again, so it needs a fresh FormData.
    const body = new FormData();
    body.append('file', file, file.name);
    return xhrUploadTransport({ method: 'POST', url, body })(headers);
  };
  return api.send(transport, universeImportResultSchema, `POST ${PATH}`);
}

/** Imports a listing; on success the universe picker is read again so the new (or replaced) universe is in it. */
export function useImportUniverse(onImported?: (result: UniverseImportResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importUniverse,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: UNIVERSES_QUERY_KEY });
      onImported?.(result);
    },
  });
}
