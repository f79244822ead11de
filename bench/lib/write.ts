// The bench's files: results.json (everything), results.md (the tables), chart.svg.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './bench.js';
import { chartSvg } from './chart.js';
import { reportMarkdown } from './report.js';

export async function writeReport(report: Report, dir: string): Promise<{ json: string; markdown: string; chart: string; text: string }> {
  await mkdir(dir, { recursive: true });
  const text = reportMarkdown(report);
  const files = { json: join(dir, 'results.json'), markdown: join(dir, 'results.md'), chart: join(dir, 'chart.svg') };
  await writeFile(files.json, JSON.stringify(report, null, 2) + '\n');
  await writeFile(files.markdown, text);
  await writeFile(files.chart, chartSvg(report));
  return { ...files, text };
}

/** bench/results/2025-12-11T10-31-02Z: sortable, safe on every filesystem. */
export const stamp = (d = new Date()) => d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
