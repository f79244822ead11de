// BENCHMARKS.md is regenerated from scratch by the bench, while other scripts and people keep sections
// of their own in it between markers: a regeneration must carry those over, whole and in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchmarksDoc } from '../bench/lib/benchmarks-doc.js';
import type { Report } from '../bench/lib/bench.js';
import { keepSections, markedSections, sectionBody, withSection } from '../bench/lib/sections.js';

const previous = [
  '# Benchmarks',
  '',
  'old generated text, to be replaced',
  '',
  '<!-- notes:start -->',
  '## Notes',
  '',
  'kept by hand',
  '<!-- notes:end -->',
  '',
  'stray text outside any section',
  '',
  '<!-- resources:start -->',
  '| a | b |',
  '<!-- resources:end -->',
  '<!-- unclosed:start -->',
  'never closed',
].join('\n');

test('markedSections finds every closed section, markers included, in document order', () => {
  assert.deepEqual(markedSections(previous), ['<!-- notes:start -->\n## Notes\n\nkept by hand\n<!-- notes:end -->', '<!-- resources:start -->\n| a | b |\n<!-- resources:end -->']);
  assert.deepEqual(markedSections('no markers'), []);
  // An end marker of another name does not close a section.
  assert.deepEqual(markedSections('<!-- a:start -->\nx\n<!-- b:end -->\n'), []);
});

test('keepSections puts the old file\'s sections after the new text and drops everything else of it', () => {
  const doc = keepSections('# Benchmarks\n\nnew generated text\n', previous);
  assert.equal(doc, ['# Benchmarks', '', 'new generated text', '', ...markedSections(previous).join('\n\n').split('\n'), ''].join('\n'));
  assert.ok(!doc.includes('old generated text') && !doc.includes('stray text') && !doc.includes('never closed'));
  assert.equal(keepSections('only new\n', ''), 'only new\n');
});

test('withSection replaces one section\'s body and leaves the rest as it was, or appends the section', () => {
  const doc = withSection(previous, 'resources', '| c | d |\n');
  assert.equal(sectionBody(doc, 'resources'), '| c | d |');
  assert.equal(doc.replace('| c | d |', '| a | b |'), previous);
  const added = withSection('# Benchmarks\n', 'memory', 'line');
  assert.equal(added, '# Benchmarks\n\n<!-- memory:start -->\nline\n<!-- memory:end -->\n');
  assert.equal(sectionBody(added, 'memory'), 'line');
  assert.equal(sectionBody(added, 'absent'), undefined);
});

test('benchmarksDoc keeps the marked sections of the file it replaces', () => {
  const report: Report = {
    mode: 'quick',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    machine: { cpuModel: 'test cpu', cores: 2, logicalCpus: 2, memoryGiB: 1, os: 'test os', node: 'v20' },
    referenceLatencyMs: 390,
    scenarios: [],
    runs: [],
    baselines: [],
  };
  const fresh = benchmarksDoc(report, 'chart.svg');
  const doc = benchmarksDoc(report, 'chart.svg', previous);
  assert.ok(doc.startsWith(fresh.trimEnd()));
  for (const s of markedSections(previous)) assert.ok(doc.includes(s), s);
  assert.ok(doc.indexOf('<!-- notes:start -->') < doc.indexOf('<!-- resources:start -->'));
  assert.ok(!doc.includes('old generated text'));
});
