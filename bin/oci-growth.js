#!/usr/bin/env node
// The installed package runs its compiled JavaScript (dist/, built when the package is packed). A source
// checkout has bin/dev.js, which the package does not ship: there the sources run, so a dist/ left from
// an earlier build can never run in place of the code being edited.
import { existsSync } from 'node:fs';

const dev = new URL('./dev.js', import.meta.url);
await import(existsSync(dev) ? dev.href : '../dist/src/cli/bin.js');
