#!/usr/bin/env node
// Runs the built CLI when present (npm run build), otherwise the TypeScript sources through tsx,
// so a fresh clone works after `npm ci` alone.
import { existsSync } from 'node:fs';

const built = new URL('../dist/src/cli/bin.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/bin.ts', import.meta.url).href);
}
