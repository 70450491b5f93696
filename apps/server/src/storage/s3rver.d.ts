// Just what the tests use of s3rver (a dev dependency that ships no types): s3-artifact-store.test.ts here and
// the backup upload tests in deploy/ (deploy/tsconfig.json includes this file).
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string; configs?: unknown[] }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
