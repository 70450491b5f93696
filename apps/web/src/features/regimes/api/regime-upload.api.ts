import { regimeFitSchema } from '@marketlens/contracts';
import { api } from '../../../shared/api/api';
import { xhrUploadTransport, type UploadProgress } from '../../../shared/api/xhr-transport';

/** The query string of POST /regimes/fits/upload: every option as a string (regimeUploadQuerySchema). */
export interface RegimeUploadQuery {
  symbol: string;
  column: string;
  features: string;
  states: string;
  covarianceType: string;
  restarts: number;
  seed: number;
}

export interface UploadRegimeCsvInput {
  file: File;
  query: RegimeUploadQuery;
  onProgress: (progress: UploadProgress) => void;
}

export function uploadRegimeCsv({ file, query, onProgress }: UploadRegimeCsvInput) {
  const path = '/regimes/fits/upload';
  const transport = (headers: Record<string, string>) => {
    // A retry after a token refresh sends the file again, so it needs a fresh FormData.
    const body = new FormData();
    body.append('file', file, file.name);
    return xhrUploadTransport({ method: 'POST', url: api.url(path, { ...query }), body, onProgress })(headers);
  };
  return api.send(transport, regimeFitSchema, `POST ${path}`);
}
