import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** What the stand-in API saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
}

export interface EchoUpstream {
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A stand-in for the API behind nginx: records every request (headers, body size) and answers it as JSON, so a
 * test can see exactly what the proxy forwarded. The e2e test runs the real server behind nginx instead.
 */
export function startEchoUpstream(): Promise<EchoUpstream> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes };
      seen.push(request);
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': String(req.headers['x-request-id']) });
      res.end(JSON.stringify(request));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        seen,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
