import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { startSimulator, type SimOptions, type Simulator } from '../../src/sim/index.js';

// End-to-end fixtures: the CLI as a real child process (its own threads, signer and HTTP stack)
// against a simulator in the test process, whose counters and ground truth the test can read.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'src/cli/bin.ts');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function tmp(prefix = 'oci-growth-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface Spawned {
  child: ReturnType<typeof spawn>;
  done: Promise<CliResult>;
  stderrSoFar: () => string;
}

export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', OCI_CLI_CONFIG_FILE: undefined, OCI_CLI_PROFILE: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, stderrSoFar: () => stderr };
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return spawnCli(args, env).done;
}

export interface SimFixture {
  sim: Simulator;
  configFile: string;
  profile: string;
  /** The options every collect against this simulator needs. */
  args: (outputDir: string, ...more: string[]) => string[];
}

export async function simFixture(options: SimOptions): Promise<SimFixture> {
  const sim = await startSimulator(options);
  const { configFile, profile } = await sim.writeConfig(tmp('oci-growth-cfg-'));
  return {
    sim,
    configFile,
    profile,
    args: (outputDir, ...more) => ['collect', '--config-file', configFile, '--profile', profile, '--endpoint', `${sim.url}/{region}`, '--output-dir', outputDir, '--progress', 'off', ...more],
  };
}

export function readCsv(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(join(dir, file)), { columns: true, bom: false, skip_empty_lines: false }) as Record<string, string>[];
}

export function readSnapshot(dir: string): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, 'growth_collection_tags.json'), 'utf8'));
}

export const sorted = (xs: Iterable<string>) => [...xs].sort();
