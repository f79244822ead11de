import { hideBin } from 'yargs/helpers';
import { quietConsole } from '../oci/quiet-console.js';
import { main } from './main.js';

quietConsole();
process.exitCode = await main(hideBin(process.argv));
