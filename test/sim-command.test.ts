import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as common from 'oci-common';
import * as identity from 'oci-identity';
import * as resourcesearch from 'oci-resourcesearch';

// `oci-growth sim` as a user runs it: a separate process that prints where it is, serves until
// SIGINT/SIGTERM, and refuses bad flags with one line and exit code 2. The driver mirrors the CLI's
// entry point (yargs, fail → exit 2 on UsageError) around just this command.

const root = fileURLToPath(new URL('..', import.meta.url));
const command = pathToFileURL(join(root, 'src/cli/sim-command.ts')).href;
const DRIVER = `
import yargs from 'yargs';
const { simCommand } = await import(${JSON.stringify(command)});
try {
  await yargs(process.argv.slice(1)).command(simCommand).strict().exitProcess(false)
    .fail((msg, err) => { throw err ?? Object.assign(new Error(msg), { name: 'UsageError' }); }).parseAsync();
} catch (e) {
  process.stderr.write('oci-growth: ' + e.message + '\\n');
  process.exitCode = e.name === 'UsageError' ? 2 : 1;
}`;

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', DRIVER, '--', 'sim', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

async function firstLines(child: ChildProcess, until: (line: string) => boolean): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout! })) {
    lines.push(line);
    if (until(line)) break;
  }
  return lines;
}

describe('oci-growth sim command', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sim-command-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('--json prints one line a script can use, serves the SDK through the written profile, stops on SIGTERM', async () => {
    const child = run(['--port', '0', '--compartments', '25', '--json', '--config-dir', join(dir, 'json')]);
    const done = exited(child);
    const [line] = await firstLines(child, () => true);
    const info = JSON.parse(line!);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.tenancyId, /^ocid1\.tenancy\.oc1\.\./);
    assert.equal(info.profile, 'SIM');

    const client = new identity.IdentityClient(
      { authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(info.configFile, info.profile) },
      { retryConfiguration: common.NoRetryConfigurationDetails, circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }) },
    );
    client.endpoint = info.url;
    const r = await client.listCompartments({ compartmentId: info.tenancyId, compartmentIdInSubtree: true, lifecycleState: 'ACTIVE' as never });
    assert.equal(r.items.length, 25);
    const truth = await (await fetch(`${info.url}/_sim/ground-truth`)).json();
    assert.equal(truth.compartments.length, 25);

    child.kill('SIGTERM');
    const { code } = await done;
    assert.equal(code, 0);
  });

  it('passes the region, Search and tag-default flags to the server', async () => {
    const child = run([
      '--port', '0', '--compartments', '5', '--json', '--config-dir', join(dir, 'services'),
      '--regions', '4', '--search-refuse', 'us-phoenix-1:401', '--tag-defaults-by-definition', 'reject', '--search-rate-limit', '0.01', '--search-burst', '1',
    ]);
    const done = exited(child);
    const info = JSON.parse((await firstLines(child, () => true))[0]!);
    const details = { authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(info.configFile, info.profile) };
    const config = { retryConfiguration: common.NoRetryConfigurationDetails, circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }) };
    const status = (p: Promise<unknown>) => p.then(() => 200, (e: { statusCode?: number }) => e.statusCode);
    try {
      const client = new identity.IdentityClient(details, config);
      client.endpoint = info.url;
      assert.equal((await client.listRegionSubscriptions({ tenancyId: info.tenancyId })).items.length, 4);
      assert.equal(await status(client.listTagDefaults({ tagDefinitionId: 'ocid1.tagdefinition.oc1..x' })), 400);
      const search = new resourcesearch.ResourceSearchClient(details, config);
      const query = { searchDetails: { type: 'Structured', query: `query all resources where compartmentId = '${info.tenancyId}'`, matchingContextType: 'NONE' } as resourcesearch.models.StructuredSearchDetails };
      search.endpoint = info.url;
      assert.deepEqual([await status(search.searchResources(query)), await status(search.searchResources(query))], [200, 429]);
      search.endpoint = `${info.url}/us-phoenix-1`;
      assert.equal(await status(search.searchResources(query)), 401);
    } finally {
      child.kill('SIGTERM');
      assert.equal((await done).code, 0);
    }
  });

  it('prints the endpoint, tenancy, profile and a ready collect line; reuses its key on restart; stops on SIGINT', async () => {
    const configDir = join(dir, 'text');
    const start = async () => {
      const child = run(['--port', '0', '--compartments', '10', '--latency-ms', '5', '--rate-limit', '50', '--config-dir', configDir]);
      const done = exited(child);
      const out = (await firstLines(child, (l) => l.startsWith('Stop with'))).join('\n');
      child.kill('SIGINT');
      assert.equal((await done).code, 0);
      return out;
    };
    const out = await start();
    const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
    const configFile = join(configDir, 'config');
    assert.match(out, /tenancy\s+ocid1\.tenancy\.oc1\.\./);
    assert.ok(out.includes(`oci-growth collect --config-file ${configFile} --profile SIM --endpoint ${url}`));
    assert.match(out, /^\[SIM\]$/m);
    const config = await readFile(configFile, 'utf8');
    await start();
    assert.equal(await readFile(configFile, 'utf8'), config, 'same seed and reused key: the pasted profile stays valid');
  });

  for (const bad of [['--latency-ms', '-1'], ['--fault-500', '2'], ['--compartments', 'abc'], ['--fault-500', '0.6', '--fault-503', '0.6'], ['--page-cap', '5000'], ['--burst', '3'], ['--bogus'],
    ['--regions', '11'], ['--search-refuse', 'phoenix'], ['--search-refuse', 'ap-tokyo-1:401'], ['--search-burst', '3'], ['--usage-fault-500', '2'], ['--tag-defaults-by-definition', 'maybe']]) {
    it(`refuses ${bad.join(' ')} with one line and exit code 2`, async () => {
      const { code, stderr } = await exited(run(['--port', '0', '--json', '--config-dir', join(dir, 'bad'), ...bad]));
      assert.equal(code, 2);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.match(stderr, /^oci-growth: /);
    });
  }
});
