// The simulator as the bench sees it: a child process (bench/lib/sim-server.ts) plus its admin routes.
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import type { GroundTruth } from './check.js';
import type { SimTarget } from './contenders.js';
import type { SimSpec } from './scenarios.js';
import { spawnNode } from './spawn.js';

/** GET /_sim/stats, the fields the bench reads. */
export interface SimStats {
  requests: number;
  throttled: number;
  faults: number;
  byRoute: Record<string, { requests: number; statuses: Record<string, number> }>;
  maxInFlight: number;
  /** Added by bench/lib/sim-server.ts's instrumentation (absent if the simulator changed shape). */
  load?: LoadCounters;
}

/** Timed in the simulator process by bench/lib/sim-server.ts: see there. */
export interface LoadCounters {
  /** ∫ requests in flight dt since the reset, ms·requests (up to the snapshot). */
  areaMs: number;
  /** Requests that began / ended since the reset. */
  begun: number;
  ended: number;
  /** ms since the reset: first request begun, last request ended (null: none yet). */
  firstBeginMs: number | null;
  lastEndMs: number | null;
  /** ms since the reset, at the snapshot. */
  atMs: number;
}

const STARTUP_TIMEOUT_MS = 120_000;

export class SimProcess {
  readonly target: SimTarget;
  readonly #child: ChildProcess;
  #stderr = '';

  private constructor(child: ChildProcess, target: SimTarget) {
    this.#child = child;
    this.target = target;
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.#stderr = (this.#stderr + d).slice(-4096)));
  }

  static async start(spec: SimSpec, configDir: string): Promise<SimProcess> {
    const child = spawnNode(['bench/lib/sim-server.ts', JSON.stringify(spec), configDir]);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4096)));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('simulator did not start in time')), STARTUP_TIMEOUT_MS);
      const rl = createInterface({ input: child.stdout! });
      rl.once('line', (l) => {
        clearTimeout(timer);
        resolve(l);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`simulator exited (${code}) before serving: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      });
    });
    return new SimProcess(child, JSON.parse(line) as SimTarget);
  }

  async #get<T>(path: string, method = 'GET'): Promise<T> {
    const res = await fetch(this.target.url + path, { method });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return (await res.json().catch(() => ({}))) as T;
  }

  stats = () => this.#get<SimStats>('/_sim/stats');
  resetStats = () => this.#get<unknown>('/_sim/reset-stats', 'POST');
  groundTruth = () => this.#get<GroundTruth>('/_sim/ground-truth');

  /** The simulator's own CPU so far (Linux /proc; undefined elsewhere): shows what it takes of the 2 cores. */
  async cpuMs(): Promise<number | undefined> {
    try {
      const stat = await readFile(`/proc/${this.#child.pid}/stat`, 'utf8');
      // Fields after the ")" of the command name: utime and stime are fields 14 and 15 (1-based).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((r) => this.#child.once('exit', r));
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
