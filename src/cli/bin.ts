import { applyHeapFlags } from '../heap-flags.js';

// Before the CLI's modules load (imported below), so loading them grows nothing either.
applyHeapFlags();

const { hideBin } = await import('yargs/helpers');
const { main } = await import('./main.js');
process.exitCode = await main(hideBin(process.argv));
