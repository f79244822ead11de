import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderColumnsMarkdown } from '../src/output/index.js';
import { columnNames, KINDS } from '../src/resources/index.js';

const START = '<!-- columns:start -->';
const END = '<!-- columns:end -->';
const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
const section = readme.includes(START) && readme.includes(END) ? readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim() : undefined;

test('the columns reference names every file and column with its type', () => {
  const md = renderColumnsMarkdown();
  for (const kind of KINDS) {
    assert.ok(md.includes(`### \`${kind.file}\``), kind.file);
    kind.columns.forEach((c, i) => assert.ok(md.includes(`| \`${columnNames(kind)[i]}\` | ${c.type} |`), `${kind.file} ${c.field}`));
  }
});

// A README without the markers (or with them emptied) fails here: a skip would pass in CI unnoticed.
test('the README\'s output contract is the one rendered from the declarations', () => {
  assert.ok(existsSync(readmePath), 'README.md is missing');
  assert.ok(section !== undefined, `README.md has no ${START} … ${END} section`);
  assert.ok(section !== '', 'the README columns section is empty: fill it with renderColumnsMarkdown()');
  assert.equal(section, renderColumnsMarkdown().trim(), 'regenerate the README section from renderColumnsMarkdown()');
});
