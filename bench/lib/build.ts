// The engine as a user installs it: compiled to JavaScript, its worker bundled (what `npm run build`
// puts in dist/ and the npm package ships), not run through tsx. Under tsx every worker thread loads
// the TypeScript loader before the SDK (~0.2 s of each run's start-up, inside its collect time); a
// real install has no such cost.
// Built afresh into a folder of its own at every bench run, so stale output can never be measured.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './spawn.js';

/** Relative to the repo root, inside it so the build resolves the repo's node_modules. */
export const ENGINE_BUILD_DIR = 'bench/.build';
export const ENGINE_ENTRY = `${ENGINE_BUILD_DIR}/src/cli/bin.js`;

export function buildEngine(): void {
  const outDir = join(REPO_ROOT, ENGINE_BUILD_DIR);
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(join(REPO_ROOT, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', outDir, '--sourceMap', 'false', '--declaration', 'false'], { cwd: REPO_ROOT, stdio: 'inherit' });
  // The worker bundled as `npm run build` bundles it: what a thread of an installed package loads.
  execFileSync(process.execPath, ['scripts/bundle-worker.mjs', outDir], { cwd: REPO_ROOT, stdio: 'inherit' });
}
