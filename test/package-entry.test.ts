import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// What the package.json promises a user: an entry built from src/index.ts, a command that runs the
// compiled code only, and an install that carries no TypeScript tooling. (.ci/pack-check installs it.)

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

test('the package entry is the build of src/index.ts, types included, and the tarball holds it', () => {
  assert.deepEqual(pkg.exports['.'], { types: './dist/src/index.d.ts', default: './dist/src/index.js' });
  assert.ok(existsSync(new URL('src/index.ts', root)));
  assert.match(pkg.scripts.prepack, /npm run build/);
  for (const needed of ['bin', 'dist/src', 'dist/workers']) assert.ok(pkg.files.includes(needed), needed);
});

test('tsx is a development tool, not something every install pulls in', () => {
  assert.equal(pkg.dependencies.tsx, undefined);
  assert.ok(pkg.devDependencies.tsx);
  assert.doesNotMatch(readFileSync(new URL('bin/oci-growth.js', root), 'utf8'), /tsx/);
});

test('the bin never runs in a source checkout, where a dist/ could be stale: it points at the sources', () => {
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('bin/oci-growth.js', root)), '--version'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^oci-growth: this is a source checkout: run `npm run oci-growth -- <args>`.*\n$/);
});
