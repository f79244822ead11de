import ora, { type Ora } from 'ora';
import type { Progress } from '../collect/options.js';

const LABEL: Record<Progress['phase'], string> = {
  compartments: 'Compartments',
  tag_namespaces: 'Tag namespaces',
  tag_definitions: 'Tag definitions',
  tag_defaults: 'Tag defaults',
  tag_defaults_by_definition: 'Tag defaults by definition',
  regions: 'Regions',
  resources: 'Resources',
  cost: 'Cost',
};

const secs = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`);

export function describe(p: Progress): string {
  const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
  const rate = p.phaseElapsedMs > 0 ? p.done / p.phaseElapsedMs : 0;
  const eta = rate > 0 && p.done < p.total ? ` ETA ${secs((p.total - p.done) / rate)}` : '';
  return `${LABEL[p.phase]} ${pct}% ${p.done}/${p.total} · ${secs(p.elapsedMs)}${eta} · failures ${p.failed} · throttled ${p.throttled} · in flight ≤ ${Math.floor(p.limit)}`;
}

/**
 * Progress on stderr, so stdout carries only results. On a terminal: an ora spinner (only when the
 * terminal reports a width: ora loops forever on 0 columns). Elsewhere (pipes, CI): ora prints nothing,
 * so we log a line when a phase starts, every few seconds, and when it ends. Phases may overlap (the
 * tag phases run alongside the compartment listing): each gets its final line when it completes.
 */
export class ProgressView {
  readonly #spinner?: Ora;
  readonly #intervalMs: number;
  /** The latest progress of each phase seen, and those whose final line is out. */
  readonly #phases = new Map<Progress['phase'], Progress>();
  readonly #finished = new Set<Progress['phase']>();
  #lastLine = 0;
  #lastRender = 0;
  readonly #quiet: boolean;

  constructor(mode: 'auto' | 'lines' | 'off', intervalMs = 2000) {
    this.#intervalMs = intervalMs;
    this.#quiet = mode === 'off';
    const tty = process.stderr.isTTY && (process.stderr.columns ?? 0) > 0 && !process.env['CI'];
    if (mode === 'auto' && tty) this.#spinner = ora({ stream: process.stderr, discardStdin: false }).start('Starting');
    if (mode === 'off') this.update = () => {};
  }

  update(p: Progress): void {
    if (this.#finished.has(p.phase)) return;
    const now = Date.now();
    const started = !this.#phases.has(p.phase);
    this.#phases.set(p.phase, p);
    if (p.done >= p.total) {
      this.#finished.add(p.phase);
      if (this.#spinner) {
        this.#spinner.succeed(describe(p)).start(this.#running() ?? 'Writing outputs');
        this.#lastRender = now;
      } else process.stderr.write(describe(p) + '\n');
      return;
    }
    if (this.#spinner) {
      // Re-rendering on every one of thousands of results would cost more than the work it shows.
      if (started || now - this.#lastRender > 80) {
        this.#spinner.text = describe(p);
        this.#lastRender = now;
      }
      return;
    }
    if (started || now - this.#lastLine >= this.#intervalMs) {
      this.#lastLine = now;
      process.stderr.write(describe(p) + '\n');
    }
  }

  /** The line of the latest phase still running, if any. */
  #running(): string | undefined {
    const open = [...this.#phases.values()].filter((p) => !this.#finished.has(p.phase));
    return open.length ? describe(open[open.length - 1]!) : undefined;
  }

  /** Final lines of the phases that did not complete (an interrupted or failed run). */
  done(ok: boolean): void {
    const open = [...this.#phases.values()].filter((p) => !this.#finished.has(p.phase));
    if (this.#spinner) {
      this.#spinner.stop();
      for (const p of open) (ok ? this.#spinner.succeed(describe(p)) : this.#spinner.warn(describe(p)));
      return;
    }
    for (const p of open) process.stderr.write(describe(p) + '\n');
  }

  /** Warnings print even in quiet mode: they are about the user's set-up, not progress. */
  warn(message: string): void {
    this.#print(`warning: ${message}`);
  }

  info(message: string): void {
    if (!this.#quiet) this.#print(message);
  }

  /** Clears the spinner line first, so messages don't interleave with it. */
  #print(line: string): void {
    if (this.#spinner) {
      this.#spinner.clear();
      process.stderr.write(line + '\n');
      this.#spinner.render();
    } else process.stderr.write(line + '\n');
  }
}
