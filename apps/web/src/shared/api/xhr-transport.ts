import { ApiError } from './api-error';
import type { Transport } from './raw-response';

export interface UploadProgress {
  loaded: number;
  total: number;
  /** 0..100, rounded down. */
  percent: number;
}

export interface XhrUploadOptions {
  method: 'POST' | 'PUT';
  url: string;
  body: FormData;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** fetch cannot report upload progress, XMLHttpRequest can; this wraps it as a Transport. */
export function xhrUploadTransport({ method, url, body, onProgress, signal }: XhrUploadOptions): Transport {
  return (headers) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('accept', 'application/json');
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => {
        if (!event.lengthComputable || !onProgress) return;
        onProgress({
          loaded: event.loaded,
          total: event.total,
          percent: Math.floor((event.loaded / event.total) * 100),
        });
      };
      xhr.onload = () =>
        resolve({
          status: xhr.status,
          statusText: xhr.statusText,
          contentType: xhr.getResponseHeader('content-type'),
          body: xhr.responseText,
        });
      xhr.onerror = () =>
        reject(new ApiError(0, 'NETWORK_ERROR', 'The upload could not reach the server. Check your connection.'));
      xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was cancelled.'));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(body);
    });
}
