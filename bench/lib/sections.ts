// Sections of BENCHMARKS.md that the generated bench does not produce (measured by their own scripts, or
// kept by hand) sit between `<!-- name:start -->` and `<!-- name:end -->`: a regeneration keeps them,
// and a script rewrites only its own.

const SECTION = /<!-- ([\w.-]+):start -->[\s\S]*?<!-- \1:end -->/g;

/** Every marked section of a document, markers included, in document order. */
export function markedSections(doc: string): string[] {
  return [...doc.matchAll(SECTION)].map((m) => m[0]);
}

/** The text between a section's markers, or undefined when the document has no such section. */
export function sectionBody(doc: string, name: string): string | undefined {
  const [start, end] = markers(name);
  const i = doc.indexOf(start);
  const j = doc.indexOf(end, i + start.length);
  return i < 0 || j < 0 ? undefined : doc.slice(i + start.length, j).replace(/^\n/, '').replace(/\n$/, '');
}

/** The document with the named section's body replaced, or the section appended when it is missing. */
export function withSection(doc: string, name: string, body: string): string {
  const [start, end] = markers(name);
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end, i + start.length);
  if (i >= 0 && j >= 0) return doc.slice(0, i) + block + doc.slice(j + end.length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}

/** A freshly generated document followed by the marked sections of the one it replaces, in their order. */
export function keepSections(generated: string, previous: string): string {
  const kept = markedSections(previous);
  return kept.length ? `${generated.trimEnd()}\n\n${kept.join('\n\n')}\n` : generated;
}

function markers(name: string): [string, string] {
  return [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
}
