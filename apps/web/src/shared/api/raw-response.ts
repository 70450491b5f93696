/**
 * The transport-neutral view of an HTTP answer. fetch and XMLHttpRequest (needed for upload progress)
 * both reduce to it, so error mapping and the refresh-on-401 logic exist once.
 */
export interface RawResponse {
  status: number;
  statusText: string;
  contentType: string | null;
  body: string;
}

/** Sends one request with the given extra headers (the client adds Authorization). */
export type Transport = (headers: Record<string, string>) => Promise<RawResponse>;

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export async function toRawResponse(response: Response): Promise<RawResponse> {
  return {
    status: response.status,
    statusText: response.statusText,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}
