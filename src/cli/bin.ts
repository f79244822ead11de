import { setFlagsFromString } from 'node:v8';

// V8 doubles a busy isolate's young generation up to 32 MB of semi-spaces, which the coordinator's
// short-lived rows never need; with this set before the CLI's modules load, it keeps its 1 MB start.
// The modules are imported after it, so loading them grows nothing either. Pool threads set it again.
setFlagsFromString('--semi-space-growth-factor=1');

const { hideBin } = await import('yargs/helpers');
const { main } = await import('./main.js');
process.exitCode = await main(hideBin(process.argv));
