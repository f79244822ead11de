// A source checkout's command: the TypeScript sources through tsx (a devDependency), never dist/.
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/bin.ts');
