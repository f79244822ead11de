import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runCli, tmp } from './helpers/cli.js';
import { collectRun } from './helpers/runs.js';

// report.html in a real browser (Debian's chromium): it must render from a file URL with no console
// error and no request beyond the file itself, with one marker per run in every count chart.
// Missing chromium fails this test: .ci/run installs it (apt-get install chromium).

const RUNS = 3;
const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
let page: string;

before(async () => {
  const history = tmp();
  for (const options of [{ seed: 8 }, { seed: 8, evolve: 2 }, { seed: 8, forbidden: 5 }].slice(0, RUNS)) {
    const r = await collectRun({ compartments: 40, ...options }, '', '--history', history);
    assert.ok(r.result.code === 0 || r.result.code === 3, r.result.stderr);
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }
  const out = tmp();
  const r = await runCli(['report', history, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  page = join(out, 'report.html');
});

test('report.html renders offline in chromium: no console error, no network request, one point per run', { timeout: 120_000 }, async () => {
  assert.ok(CHROMIUM, 'chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  // A fresh profile and no background services: otherwise chromium reaches for the network itself.
  const context = await chromium.launchPersistentContext(tmp('oci-growth-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const problems: string[] = [];
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const tab = await context.newPage();
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const url = pathToFileURL(page).href;
    const response = await tab.goto(url, { waitUntil: 'load' });
    assert.ok(response?.ok(), 'the page loads');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [url], 'the page itself and nothing else');

    const charts = await tab.$$eval('svg.chart', (svgs) =>
      svgs.map((s) => ({ id: s.getAttribute('data-chart'), points: s.querySelectorAll('circle').length, bars: s.querySelectorAll('rect').length, width: s.getBoundingClientRect().width, height: s.getBoundingClientRect().height })),
    );
    const counts = charts.filter((c) => c.points > 0);
    assert.deepEqual(counts.map((c) => c.id).sort(), ['compartments', 'compartments_with_defaults', 'resources', 'resources_untagged', 'tag_defaults', 'tag_definitions', 'tag_namespaces']);
    for (const c of counts) assert.equal(c.points, RUNS, `${c.id}: one point per run`);
    for (const c of charts) assert.ok(c.width > 100 && c.height > 40, `${c.id} is drawn (${c.width}×${c.height})`);
    const bars = charts.filter((c) => c.bars > 0);
    assert.equal(bars.length, 2, 'changes-per-period charts');
    assert.equal(await tab.locator('.point.partial').count(), counts.length, 'the partial run is marked in every count chart');
    assert.ok((await tab.locator('#latest-changes tbody tr').count()) > 0);
    assert.equal(await tab.locator('#runs tbody tr').count(), RUNS);
  } finally {
    await context.close();
  }
});
