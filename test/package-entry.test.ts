import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// What the package.json promises a user: an entry built from src/index.ts, a command that runs the
// compiled code only, and an install that carries no TypeScript tooling. (.ci/pack-check installs it.)

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

test('the package entry is the build of src/index.ts, types included, and the tarball holds it', () => {
  assert.deepEqual(pkg.exports['.'], { types: './dist/src/index.d.ts', default: './dist/src/index.js' });
  assert.ok(existsSync(new URL('src/index.ts', root)));
  assert.match(pkg.scripts.prepack, /npm run build/);
  for (const needed of ['bin/oci-growth.js', 'dist/src', 'dist/workers']) assert.ok(pkg.files.includes(needed), needed);
});

test('tsx is a development tool, not something every install pulls in', () => {
  assert.equal(pkg.dependencies.tsx, undefined);
  assert.ok(pkg.devDependencies.tsx);
  assert.doesNotMatch(readFileSync(new URL('bin/oci-growth.js', root), 'utf8'), /tsx/);
  assert.ok(!pkg.files.some((f: string) => f === 'bin' || f === 'bin/dev.js' || f.startsWith('src')), 'the checkout-only entry and the sources stay out of the tarball');
});

/** A package tree with the real bin and a decoy dist/ that says it ran; `checkout` adds the sources. */
function tree(checkout: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'oci-growth-bin-'));
  mkdirSync(join(dir, 'bin'));
  cpSync(fileURLToPath(new URL('bin/oci-growth.js', root)), join(dir, 'bin/oci-growth.js'));
  mkdirSync(join(dir, 'dist/src/cli'), { recursive: true });
  writeFileSync(join(dir, 'dist/src/cli/bin.js'), "process.stdout.write('compiled\\n');\n");
  if (checkout) {
    cpSync(fileURLToPath(new URL('bin/dev.js', root)), join(dir, 'bin/dev.js'));
    for (const link of ['src', 'workers', 'node_modules', 'package.json']) symlinkSync(fileURLToPath(new URL(link, root)), join(dir, link));
  }
  return dir;
}

test('the bin of an installed package runs the compiled code; in a checkout it runs the sources, never a dist/ that may be stale', () => {
  const run = (dir: string) => spawnSync(process.execPath, [join(dir, 'bin/oci-growth.js'), '--version'], { encoding: 'utf8' });
  const installed = tree(false);
  const checkout = tree(true);
  try {
    assert.equal(run(installed).stdout, 'compiled\n');
    const r = run(checkout);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${pkg.version}\n`);
  } finally {
    rmSync(installed, { recursive: true, force: true });
    rmSync(checkout, { recursive: true, force: true });
  }
});
