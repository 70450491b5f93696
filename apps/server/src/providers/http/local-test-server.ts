import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (HTML, robots.txt); takes precedence over `body`. Content type: text/plain unless `headers` say. */
  text?: string;
  headers?: Record<string, string>;
  /** Hold the response this long (for timeout tests). */
  delayMs?: number;
}

export interface LocalTestServer {
  url: string;
  /** Every request path+query received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 for provider tests: `route` decides each reply from the request, so
 * tests exercise the real fetch, sockets and headers rather than a mocked fetch.
 */
export async function startLocalTestServer(
  route: (req: IncomingMessage, nth: number) => Reply,
): Promise<LocalTestServer> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    const reply = route(req, requests.length);
    const send = () => {
      if (reply.text !== undefined) {
        res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers });
        res.end(reply.text);
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
