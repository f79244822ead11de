import yargs from 'yargs';
import { isUsageError, UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { collectCommand } from './collect-command.js';
import { simCommand } from './sim-command.js';
import { diffCommand } from './diff-command.js';
import { reportCommand } from './report-command.js';

/**
 * Runs the CLI and resolves with the exit code: 0 complete, 3 partial, 2 bad usage/config/input,
 * 1 unexpected, 130/143 interrupted. Never throws, never prints a stack trace (unless OCI_GROWTH_DEBUG).
 */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  let failure: { code: number; line: string } | undefined;
  // yargs keeps parsing state per instance; a fresh one per call lets tests run main() repeatedly.
  const parser = yargs(argv)
    .scriptName('oci-growth')
    .version(VERSION)
    .command(collectCommand)
    .command(simCommand)
    .command(diffCommand)
    .command(reportCommand)
    .demandCommand(1, 'name a command: collect, sim, diff or report (see --help)')
    .strict()
    // A repeated option (a wrapper's default, then the user's) means the last one, as in the OCI CLI.
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    // Throwing (not returning) stops yargs from running the handler after a failed check. yargs wraps
    // errors thrown by coerce/check functions in its own YError, which is always a usage problem.
    .fail((msg, err) => {
      if (err && !isUsageError(err) && err.name !== 'YError') throw err;
      throw new UsageError(err?.message ?? msg);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (isUsageError(e) || (e as Error)?.name === 'YError') failure = { code: 2, line: (e as Error).message };
    // The disk, not the tool: say which file and why; the journal keeps what was collected for --resume.
    else if ((e as Error)?.name === 'OutputWriteError') failure = { code: 1, line: `${(e as Error).message}; free space and run again with --resume` };
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
