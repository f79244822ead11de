import { hideBin } from 'yargs/helpers';
import { guardConsole } from './console-guard.js';
import { main } from './main.js';

guardConsole();
process.exitCode = await main(hideBin(process.argv));
