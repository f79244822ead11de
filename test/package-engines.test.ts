import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

// The Node versions package.json promises must be ones every package installed with it supports.

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));

test('engines.node promises no Node version a production dependency refuses', () => {
  const ours: string = read('package.json').engines.node;
  const lock = read('package-lock.json') as { packages: Record<string, { dev?: boolean; version?: string; engines?: { node?: string } }> };
  const narrower = Object.entries(lock.packages)
    .filter(([path, p]) => path && !p.dev && p.engines?.node)
    .filter(([, p]) => !semver.subset(ours, p.engines!.node!))
    .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants ${p.engines!.node}`);
  assert.deepEqual(narrower, [], `engines.node "${ours}" is wider than`);
});
