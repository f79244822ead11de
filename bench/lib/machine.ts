// What the numbers were measured on: they mean little without it.
import { availableParallelism, cpus, platform, release, totalmem, arch } from 'node:os';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface Machine {
  cpuModel: string;
  /** Cores this process may use (cgroup/affinity-aware): the ceiling for CPU-bound work. */
  cores: number;
  logicalCpus: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** The code measured: commit, and whether the working tree had changes on top of it. */
  source?: string;
}

/** The code measured: the commit, and whether src, workers, bench or package.json have changes on top of it. */
export function codeSource(cwd: string): string | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'src', 'workers', 'bench', 'package.json') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return undefined;
  }
}

function distro(): string | undefined {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

export function describeMachine(repoRoot?: string): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    logicalCpus: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${distro() ?? platform()} (${platform()} ${release()}, ${arch()})`,
    node: process.version,
    source: repoRoot ? codeSource(repoRoot) : undefined,
  };
}

export const machineLine = (m: Machine) => `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}`;
