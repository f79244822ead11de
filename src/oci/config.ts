import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve, dirname, isAbsolute } from 'node:path';
import { UsageError } from '../errors.js';

// Our own reader of ~/.oci/config rather than oci-common's ConfigFileReader: the SDK's prints to the
// console (e.g. on a file without [DEFAULT]) and throws messages that name no file or key, while a user
// needs one line saying what is wrong and where.

export type Profile = Record<string, string>;

export const DEFAULT_CONFIG_FILE = '~/.oci/config';

export function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p;
}

/** Parses INI text the way the OCI CLI does: `[NAME]` sections, `key=value`, `#`/`;` comments, DEFAULT inherited. */
export function parseConfig(text: string, file: string): Map<string, Profile> {
  const sections = new Map<string, Profile>();
  let current: Profile | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = {};
      sections.set(section[1].trim(), current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new UsageError(`${file}:${i + 1}: expected "key=value" or "[PROFILE]", got "${line.slice(0, 40)}"`);
    if (!current) throw new UsageError(`${file}:${i + 1}: "${line.slice(0, eq).trim()}" appears before any [PROFILE] header`);
    current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  });
  return sections;
}

export interface LoadedProfile {
  file: string;
  name: string;
  values: Profile;
}

export function loadProfile(configFile: string, profile: string): LoadedProfile {
  const file = resolve(expandHome(configFile));
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`config file ${file} is a directory`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new UsageError(
        `no OCI config file at ${file}: create one with "oci setup config", pass --config-file, or try the simulated tenancy with --simulate`,
      );
    throw new UsageError(`cannot read OCI config file ${file}: ${code ?? (e as Error).message}`);
  }
  const sections = parseConfig(text, file);
  const own = sections.get(profile);
  if (!own) {
    const known = [...sections.keys()].join(', ') || 'none';
    throw new UsageError(`profile "${profile}" not found in ${file} (profiles: ${known}); pass --profile`);
  }
  // As in the OCI CLI, a profile inherits every key it does not set from [DEFAULT].
  const values = { ...(profile === 'DEFAULT' ? {} : sections.get('DEFAULT') ?? {}), ...own };
  return { file, name: profile, values };
}

/** Resolves a path written in the config file: `~` expanded, relative paths from the config file's folder. */
export function configPath(loaded: LoadedProfile, key: string): string {
  const value = loaded.values[key];
  if (!value) throw new UsageError(`profile [${loaded.name}] in ${loaded.file} has no "${key}"`);
  const p = expandHome(value);
  return isAbsolute(p) ? p : resolve(dirname(loaded.file), p);
}

export function requireKey(loaded: LoadedProfile, key: string): string {
  const value = loaded.values[key];
  if (!value) throw new UsageError(`profile [${loaded.name}] in ${loaded.file} has no "${key}"`);
  return value;
}
