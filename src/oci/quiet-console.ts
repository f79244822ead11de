// The OCI SDK talks on the console (retry notices, config-file remarks, deprecation hints). Our own
// output never goes through console.*, so silencing it keeps stdout clean for --json and the terminal
// free of noise; OCI_GROWTH_DEBUG=1 sends it to stderr instead. Called in the main thread and in each
// pool thread (a worker's console writes land on the parent's stdout/stderr).
export function quietConsole(): void {
  const debug = Boolean(process.env['OCI_GROWTH_DEBUG']);
  const toStderr = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');
  const sink = debug ? toStderr : () => {};
  console.log = sink;
  console.info = sink;
  console.debug = sink;
  console.warn = sink;
  console.trace = sink;
  console.error = debug ? toStderr : () => {};
}
