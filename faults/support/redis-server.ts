import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type Child } from './child-process';
import { freePort, waitUntil } from './free-port';
import { createConnection } from 'node:net';

/** A redis-server of the suite's own, on its own port, without persistence; stop and start it at will. */
export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ml-faults-redis-'));
  let child: Child | null = null;
  const start = async () => {
    child = startChild('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ]);
    if (!(await waitUntil(() => answersPing(port), 10_000))) {
      throw new Error(`redis-server on ${port} did not answer:\n${child.output()}`);
    }
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: async () => {
      await child?.kill('SIGKILL');
      child = null;
    },
  };
}
