import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../support/repo';

// The project promises Node 20.19+ (package.json `engines`). A dependency that needs a newer Node installs with
// only a warning unless engine-strict is on, and then fails at run time on the Node the images ship.

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const rootPackage = JSON.parse(readRepoFile('package.json')) as { engines: { node: string } };
const lock = JSON.parse(readRepoFile('package-lock.json')) as { packages: Record<string, LockPackage> };
const floor = semver.minVersion(rootPackage.engines.node);

describe('Node version floor', () => {
  it('is a real version range', () => {
    expect(floor?.version, `engines.node = ${rootPackage.engines.node}`).toBe('20.19.0');
  });

  it('makes npm ci fail on an engine mismatch instead of warning (.npmrc engine-strict)', () => {
    expect(readRepoFile('.npmrc')).toMatch(/^engine-strict\s*=\s*true$/m);
  });

  it('holds for every locked dependency: each one supports the oldest Node the project allows', () => {
    const tooNew = Object.entries(lock.packages)
      .filter(([path, pkg]) => path !== '' && !Array.isArray(pkg.engines) && pkg.engines?.node !== undefined)
      .filter(([, pkg]) => !semver.satisfies(floor!, (pkg.engines as { node: string }).node))
      .map(([path, pkg]) => `${path}@${pkg.version}: node ${(pkg.engines as { node: string }).node}`);
    expect(tooNew, 'pin these back (root `overrides`) or raise engines.node').toEqual([]);
  });

  it('matches the Node major of every image that runs or builds the code', () => {
    for (const file of ['deploy/docker/server.Dockerfile', 'deploy/docker/web.Dockerfile']) {
      const majors = [...readRepoFile(file).matchAll(/^FROM node:(\d+)/gm)].map((m) => Number(m[1]));
      expect(majors.length, `${file} builds on a node image`).toBeGreaterThan(0);
      for (const major of majors) expect(major, file).toBe(floor!.major);
    }
  });
});
