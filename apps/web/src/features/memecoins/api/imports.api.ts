import { memeImportResponseSchema } from '@marketlens/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { xhrUploadTransport } from '../../../shared/api/xhr-transport';
import { refreshAfterJob, tokenPath } from './tokens.api';

export const IMPORT_KINDS = ['transfers', 'posts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface MemeImportInput {
  address: string;
  kind: ImportKind;
  file: File;
}

export function importMemeFile({ address, kind, file }: MemeImportInput) {
  const path = `${tokenPath(address)}/${kind}/import`;
  const url = api.url(path);
  const transport = (headers: Record<string, string>) => {
    // A retry after a token refresh sends the file again, so it needs a fresh FormData.
    const body = new FormData();
    body.append('file', file, file.name);
    return xhrUploadTransport({ method: 'POST', url, body })(headers);
  };
  return api.send(transport, memeImportResponseSchema, `POST ${path}`);
}

/** Imports transfers or posts; the token's data is read again (an assess job follows when anything arrived). */
export function useMemeImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importMemeFile,
    onSuccess: () => refreshAfterJob(queryClient),
  });
}
