// One run per output directory. Two runs writing one directory (a cron job overlapping the last one,
// a second terminal with --resume) would append to one journal and replace each other's files.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export const LOCK_FILE = '.oci-growth.lock';

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
}

/** Whether the run that wrote `h` still runs: a pid on another host cannot be checked, so it counts as alive. */
function alive(h: Holder): boolean {
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(path: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return Number.isInteger(h.pid) ? h : undefined;
  } catch {
    return undefined;
  }
}

export class RunLock {
  readonly #path: string | undefined;

  private constructor(path: string | undefined) {
    this.#path = path;
  }

  /**
   * Takes the directory's lock, or refuses with the holder's pid. A lock left by a run that no longer
   * runs (killed, crashed) is taken over. A directory that cannot be created or written gets no lock:
   * the output checks that follow say what is wrong with it, in their words.
   */
  static acquire(dir: string): RunLock {
    const path = join(dir, LOCK_FILE);
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      return new RunLock(undefined);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      let fd: number;
      try {
        fd = openSync(path, 'wx', 0o644);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return new RunLock(undefined);
        const holder = read(path);
        if (holder && alive(holder))
          throw new UsageError(`another oci-growth run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}) is writing to ${dir}: wait for it to end or stop it (if it is gone, delete ${path})`);
        // Stale (its run is gone) or torn (it died while writing the lock): take it over.
        try {
          unlinkSync(path);
        } catch {
          // Another run took it over first; the next attempt sees its lock.
        }
        continue;
      }
      const holder: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      return new RunLock(path);
    }
    throw new UsageError(`cannot take the lock ${path}: another run keeps replacing it`);
  }

  release(): void {
    if (!this.#path) return;
    try {
      unlinkSync(this.#path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
