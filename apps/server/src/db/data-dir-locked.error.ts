/** Another live process owns the embedded database folder; PGlite cannot be opened twice. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';

  constructor(
    readonly pid: number,
    readonly port: number | undefined,
    readonly lockPath: string,
  ) {
    const where = port === undefined ? '' : ` (port ${port})`;
    super(
      `The embedded database is in use by a running MarketLens server, pid ${pid}${where}; lock file ${lockPath}. ` +
        'Only one process can open it. Stop that server, or run CLI commands through it with ' +
        `--server ${port === undefined ? 'URL' : `http://127.0.0.1:${port}`} --api-key KEY.`,
    );
  }
}
