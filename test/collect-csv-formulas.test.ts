import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv, readSnapshot, runCli, simFixture, tmp, type SimFixture } from './helpers/cli.js';

// Tag values and descriptions are written by anyone who can tag in the tenancy. By default the CSVs
// hold them as the API returned them; --csv-escape-formulas makes a spreadsheet show them as text.

const FORMULA = /^[=+\-@\t\r]/;

let f: SimFixture;
before(async () => {
  f = await simFixture({ compartments: 150, seed: 3 });
});
after(() => f.sim.close());

test('CSV cells are raw by default; --csv-escape-formulas quotes formula-like cells, and only the CSV', async () => {
  const raw = tmp();
  assert.equal((await runCli(f.args(raw, '--quiet'))).code, 0);
  const escaped = tmp();
  const r = await runCli(f.args(escaped, '--quiet', '--csv-escape-formulas'));
  assert.equal(r.code, 0, r.stderr);

  for (const file of ['tag_defaults.csv', 'compartments.csv', 'tag_definitions.csv']) {
    const before = readCsv(raw, file);
    const after = readCsv(escaped, file);
    assert.equal(after.length, before.length, file);
    let risky = 0;
    before.forEach((row, i) => {
      for (const [col, value] of Object.entries(row)) {
        const got = after[i]![col];
        if (FORMULA.test(value)) {
          risky++;
          assert.equal(got, `'${value}`, `${file} ${col}`);
        } else assert.equal(got, value, `${file} ${col}`);
      }
    });
    if (file === 'tag_defaults.csv') assert.ok(risky > 0, 'the tenancy has formula-like tag values, written raw by default');
  }
  const values = (dir: string) => readSnapshot(dir)['tag_defaults'].map((d: { value: string }) => d.value);
  assert.deepEqual(values(escaped), values(raw), 'the snapshot keeps the raw values');
});
