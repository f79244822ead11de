import yargs from 'yargs';
import { isUsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { collectCommand } from './collect-command.js';
import { simCommand } from './sim-command.js';

/**
 * Runs the CLI and resolves with the exit code: 0 complete, 3 partial, 2 bad usage/config/input,
 * 1 unexpected, 130/143 interrupted. Never throws, never prints a stack trace (unless OCI_GROWTH_DEBUG).
 */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  let failure: { code: number; line: string } | undefined;
  const parser = yargs(argv)
    .scriptName('oci-growth')
    .version(VERSION)
    .command(collectCommand)
    .command(simCommand)
    .demandCommand(1, 'name a command: collect or sim (see --help)')
    .strict()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err && !isUsageError(err)) throw err;
      failure = { code: 2, line: err?.message ?? msg };
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (isUsageError(e)) failure = { code: 2, line: (e as Error).message };
    else {
      failure = { code: 1, line: `unexpected error: ${String((e as Error)?.message ?? e).split('\n')[0]} (OCI_GROWTH_DEBUG=1 shows the stack)` };
      if (process.env['OCI_GROWTH_DEBUG']) process.stderr.write(String((e as Error)?.stack ?? e) + '\n');
    }
  }
  if (failure) {
    process.stderr.write(`oci-growth: ${failure.line}\n`);
    return failure.code;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
