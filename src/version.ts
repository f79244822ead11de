import { createRequire } from 'node:module';

// Read from package.json so `--version`, the snapshot and the package can never disagree. The file
// is one level up from src/ when run from source and two from dist/src/ when built.
function readVersion(): string {
  const require = createRequire(import.meta.url);
  for (const p of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'oci-growth' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
