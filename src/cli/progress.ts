import ora, { type Ora } from 'ora';
import type { Progress } from '../collect/options.js';

const LABEL: Record<Progress['phase'], string> = {
  compartments: 'Compartments',
  tag_namespaces: 'Tag namespaces',
  tag_definitions: 'Tag definitions',
  tag_defaults: 'Tag defaults',
};

const secs = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`);

export function describe(p: Progress): string {
  const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
  const rate = p.phaseElapsedMs > 0 ? p.done / p.phaseElapsedMs : 0;
  const eta = rate > 0 && p.done < p.total ? ` ETA ${secs((p.total - p.done) / rate)}` : '';
  return `${LABEL[p.phase]} ${pct}% ${p.done}/${p.total} · ${secs(p.elapsedMs)}${eta} · failures ${p.failed} · throttled ${p.throttled} · in flight ≤ ${p.limit}`;
}

/**
 * Progress on stderr, so stdout carries only results. On a terminal: an ora spinner (only when the
 * terminal reports a width: ora loops forever on 0 columns). Elsewhere (pipes, CI): ora prints nothing,
 * so we log a line per phase and every few seconds instead.
 */
export class ProgressView {
  readonly #spinner?: Ora;
  readonly #intervalMs: number;
  #phase?: string;
  #lastLine = 0;
  #last?: Progress;
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
    const now = Date.now();
    const phaseChanged = p.phase !== this.#phase;
    if (this.#spinner) {
      if (phaseChanged && this.#last) this.#spinner.succeed(describe(this.#last)).start();
      this.#phase = p.phase;
      this.#last = p;
      // Re-rendering on every one of thousands of results would cost more than the work it shows.
      if (phaseChanged || now - this.#lastRender > 80 || p.done === p.total) {
        this.#spinner.text = describe(p);
        this.#lastRender = now;
      }
      return;
    }
    if (phaseChanged && this.#last) process.stderr.write(describe(this.#last) + '\n');
    this.#phase = p.phase;
    this.#last = p;
    if (phaseChanged || now - this.#lastLine >= this.#intervalMs) {
      this.#lastLine = now;
      process.stderr.write(describe(p) + '\n');
    }
  }

  done(ok: boolean): void {
    if (!this.#last) {
      this.#spinner?.stop();
      return;
    }
    if (this.#spinner) {
      if (ok) this.#spinner.succeed(describe(this.#last));
      else this.#spinner.warn(describe(this.#last));
    } else process.stderr.write(describe(this.#last) + '\n');
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
