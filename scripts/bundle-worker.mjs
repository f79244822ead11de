// The pool's worker as one ES module, with the Search and Usage SDKs in chunks loaded by their first
// client: a thread then starts by reading a few files instead of resolving and compiling the ~400
// CommonJS modules of the OCI SDK and its dependencies one by one, which is most of a thread's start.
// Built by `npm run build` into dist/ and by the bench into bench/.build; src/collect/pool.ts runs it
// when it is there. Usage: node scripts/bundle-worker.mjs <outDir> → <outDir>/workers/bundle/
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the bundle's entry lands under a build's output directory: src/collect/pool.ts's WORKER_BUNDLE (a test holds them equal). */
export const BUNDLE_ENTRY = 'workers/bundle/collect-worker.mjs';

export async function bundleWorker(outDir) {
  await build({
    entryPoints: [join(ROOT, 'workers/collect-worker.ts')],
    outdir: join(outDir, 'workers/bundle'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // ES modules wherever they are put, whatever the nearest package.json says.
    outExtension: { '.js': '.mjs' },
    // The SDK's CommonJS modules require() Node's own modules: an ES module has no require of its own.
    banner: {
      js:
        '// This package\'s pool worker bundled with its npm dependencies (the OCI SDK and what it uses), each under its own license: see the dependency\'s package.\n' +
        "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node scripts/bundle-worker.mjs <outDir>');
  await bundleWorker(outDir);
}
