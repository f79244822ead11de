#!/usr/bin/env node
// The installed package's command: compiled JavaScript only (dist/, built when the package is packed).
// A source checkout runs its sources instead (`npm start`, `npm run oci-growth -- <args>`), so a dist/
// left over from an earlier build can never run in place of the code being edited.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src/cli/bin.ts', import.meta.url))) {
  process.stderr.write('oci-growth: this is a source checkout: run `npm run oci-growth -- <args>` (or `npm start`); the bin runs only an installed package\n');
  process.exit(2);
}
await import('../dist/src/cli/bin.js');
