// The simulator, in a process of its own so that its CPU is not counted as the contender's. Started by
// bench/lib/sim.ts as `node --import tsx bench/lib/sim-server.ts '<SimSpec JSON>' <config dir>`: prints
// one JSON line {url, tenancyId, configFile, profile} once serving, and serves until SIGTERM.
// (The same as `oci-growth sim --json`, but any SimOptions field a scenario names passes straight
// through, so new scenario knobs need no new CLI flags.)
import { startSimulator } from '../../src/sim/index.js';

const [spec = '{}', configDir] = process.argv.slice(2);
if (!configDir) throw new Error('usage: sim-server.ts <SimSpec JSON> <config dir>');
const sim = await startSimulator(JSON.parse(spec));
const { configFile, profile } = await sim.writeConfig(configDir);
process.stdout.write(JSON.stringify({ url: sim.url, tenancyId: sim.tenancyId, configFile, profile }) + '\n');

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
