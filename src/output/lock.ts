// One run per output directory. Two runs writing one directory (a cron job overlapping the last one,
// a second terminal with --resume) would append to one journal and replace each other's files.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export const LOCK_FILE = '.oci-growth.lock';

/** A takeover holds its mutex for microseconds; one older than this was left by a run that died in it. */
const ABANDONED_TAKEOVER_MS = 10_000;

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

function parse(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Holder;
    return Number.isInteger(h.pid) ? h : undefined;
  } catch {
    return undefined;
  }
}

/** The lock file's text, or undefined when there is none. */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

export class RunLock {
  readonly #path: string | undefined;
  readonly #text: string;

  private constructor(path: string | undefined, text = '') {
    this.#path = path;
    this.#text = text;
  }

  /**
   * Takes the directory's lock, or refuses with the holder's pid. A lock left by a run that no longer
   * runs (killed, crashed) is taken over. A directory that cannot be created or written gets no lock:
   * the output checks that follow say what is wrong with it, in their words.
   *
   * The lock is written whole under a temporary name and linked into place, which fails if a lock
   * exists: no run ever sees a half-written lock of a live run. Replacing a stale lock is a compare
   * and swap: under a mutex directory that only one run can create, the lock is replaced only if it
   * still holds the text judged stale, so two runs that both saw a dead holder cannot both win.
   */
  static acquire(dir: string): RunLock {
    const path = join(dir, LOCK_FILE);
    const text = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies Holder);
    const temp = join(dir, `${LOCK_FILE}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
    } catch {
      return new RunLock(undefined);
    }
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        if (RunLock.#create(temp, path, text)) return new RunLock(path, text);
        const seen = readText(path);
        if (seen === undefined) continue; // released meanwhile
        const holder = parse(seen);
        if (holder && alive(holder))
          throw new UsageError(`another oci-growth run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}) is writing to ${dir}: wait for it to end or stop it (if it is gone, delete ${path})`);
        // Stale (its run is gone) or torn (written by an older version that died writing it).
        if (RunLock.#replace(path, temp, seen)) return new RunLock(path, text);
      }
      throw new UsageError(`cannot take the lock ${path}: another run keeps replacing it`);
    } finally {
      try {
        unlinkSync(temp);
      } catch {
        // Renamed into place, or never written.
      }
    }
  }

  /** Puts the lock in place if there is none. */
  static #create(temp: string, path: string, text: string): boolean {
    try {
      linkSync(temp, path);
      return true;
    } catch (e) {
      if (code(e) === 'EEXIST') return false;
    }
    // A file system without hard links: exclusive create, one write.
    try {
      writeFileSync(path, text, { flag: 'wx', mode: 0o644 });
      return true;
    } catch (e) {
      if (code(e) === 'EEXIST') return false;
      throw e;
    }
  }

  /** Replaces the lock with ours if it still holds `seen`; false if it changed (look again). */
  static #replace(path: string, temp: string, seen: string): boolean {
    const mutex = `${path}.takeover`;
    try {
      mkdirSync(mutex);
    } catch (e) {
      if (code(e) !== 'EEXIST') throw e;
      let age = 0;
      try {
        age = Date.now() - statSync(mutex).mtimeMs;
      } catch {
        return false; // just released: look again
      }
      if (age > ABANDONED_TAKEOVER_MS) {
        try {
          rmdirSync(mutex);
        } catch {
          // Another run cleared it first.
        }
        return false;
      }
      throw new UsageError(`another oci-growth run is taking over the lock of a finished run in ${dirOf(path)}: wait for it to end or stop it (if none runs, delete ${mutex})`);
    }
    try {
      if (readText(path) !== seen) return false;
      renameSync(temp, path);
      return true;
    } finally {
      rmdirSync(mutex);
    }
  }

  release(): void {
    if (!this.#path) return;
    try {
      // Not a lock some other run has put there since (after deleting ours by hand).
      if (readText(this.#path) === this.#text) unlinkSync(this.#path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

const dirOf = (path: string) => path.slice(0, -LOCK_FILE.length - 1);
