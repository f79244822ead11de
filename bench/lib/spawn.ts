// Child processes for the bench: every contender and the simulator run as `node [--import tsx] …` directly
// (not through the `tsx` CLI, which would put a second node process in between and hide the real
// one's CPU and RSS from the probe).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url));

export function nodeArgs(argv: string[], probe: boolean, tsx = true): string[] {
  return [...(tsx ? ['--import', 'tsx'] : []), ...(probe ? ['--import', PROBE] : []), ...argv];
}

/** `tsx: false` for JavaScript (the compiled engine): its worker threads would inherit the loader. */
export function spawnNode(argv: string[], opts: { env?: NodeJS.ProcessEnv; probe?: boolean; tsx?: boolean } = {}): ChildProcess {
  return spawn(process.execPath, nodeArgs(argv, opts.probe ?? false, opts.tsx ?? true), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface ProbeResult {
  cpuUserMs: number;
  cpuSystemMs: number;
  maxRssKb: number;
}

export interface ChildRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** From spawn to exit: what the user waits for, process start included. */
  wallMs: number;
  stdout: string;
  /** The last few KB: enough to say why a run failed. */
  stderrTail: string;
  /** Measured inside the child by bench/lib/probe.ts; missing if it was killed. */
  probe?: ProbeResult;
}

const TAIL = 4096;

export async function runMeasured(argv: string[], opts: { timeoutMs: number; probeFile: string; env?: NodeJS.ProcessEnv; tsx?: boolean }): Promise<ChildRun> {
  const started = performance.now();
  const child = spawnNode(argv, { probe: true, tsx: opts.tsx, env: { ...opts.env, BENCH_PROBE_FILE: opts.probeFile } });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-TAIL)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs);
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  let probe: ProbeResult | undefined;
  try {
    probe = JSON.parse(await readFile(opts.probeFile, 'utf8')) as ProbeResult;
  } catch {
    probe = undefined;
  }
  return { exitCode, signal, timedOut, wallMs, stdout, stderrTail: stderr, probe };
}

/** The last line of stdout that parses as a JSON object: contenders print exactly one, libraries may print more. */
export function lastJsonLine(stdout: string): Record<string, unknown> | undefined {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{'));
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(lines[i]!) as Record<string, unknown>;
    } catch {
      // not ours
    }
  }
  return undefined;
}
