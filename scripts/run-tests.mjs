// Runs every *.test.ts(x) under src/, test/, bench/ and portal/ with node:test through tsx. Node 20 has no glob for --test,
// so the file list is built here. Arguments narrow the run: `npm test -- store` runs files whose path
// contains "store".
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(directory) {
  const found = [];
  for (const entry of readdirSync(directory)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) found.push(path);
  }
  return found;
}

const filters = process.argv.slice(2);
const files = ['src', 'test', 'bench', 'portal']
  .flatMap((root) => findTests(root))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`No test files match ${filters.join(', ')}.`);
  process.exit(1);
}
// The portal's component tests compile with the portal's own tsconfig (JSX, bundler resolution); tsx takes one
// tsconfig per process, so they run in a second process after the rest.
const runs = [
  { files: files.filter((file) => !file.startsWith('portal')), env: {} },
  { files: files.filter((file) => file.startsWith('portal')), env: { TSX_TSCONFIG_PATH: 'portal/tsconfig.json' } },
].filter((run) => run.files.length > 0);

function runTests(run) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...run.files],
      { stdio: 'inherit', env: { ...process.env, ...run.env } },
    );
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let failed = 0;
for (const run of runs) failed = (await runTests(run)) || failed;
process.exit(failed);
