// Adds lockfile entries for optional platform packages that the registry this lockfile was made against does
// not serve (node-llama-cpp's macOS, Windows and riscv binaries; rollup's, which the portal's build uses). Without them `npm ci` refuses the lockfile as
// out of sync. Each entry carries `os`/`cpu`, so npm skips it on every other platform; on a machine that does
// match, npm fetches it from its own registry. Run after changing node-llama-cpp's or vite's version:
//   node scripts/lockfile/complete-optional-platform-packages.mjs
// See docs/decisions/2026-11-23-node-llama-cpp-in-the-lockfile.md.
import { readFileSync, writeFileSync } from 'node:fs';

const lockfilePath = new URL('../../package-lock.json', import.meta.url);
const lockfile = JSON.parse(readFileSync(lockfilePath, 'utf8'));
const packages = lockfile.packages;

/** Platform of each binary package node-llama-cpp lists, from its package names. */
const PLATFORMS = {
  'linux-arm64': ['linux', 'arm64'],
  'linux-armv7l': ['linux', 'arm'],
  'linux-riscv64': ['linux', 'riscv64'],
  'linux-x64': ['linux', 'x64'],
  'linux-x64-cuda': ['linux', 'x64'],
  'linux-x64-cuda-ext': ['linux', 'x64'],
  'linux-x64-vulkan': ['linux', 'x64'],
  'mac-arm64-metal': ['darwin', 'arm64'],
  'mac-x64': ['darwin', 'x64'],
  'win-arm64': ['win32', 'arm64'],
  'win-x64': ['win32', 'x64'],
  'win-x64-cuda': ['win32', 'x64'],
  'win-x64-cuda-ext': ['win32', 'x64'],
  'win-x64-vulkan': ['win32', 'x64'],
};

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  if (!path.endsWith('node_modules/node-llama-cpp')) continue;
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dependency}`;
    if (packages[key] !== undefined) continue;
    const platform = PLATFORMS[dependency.replace('@node-llama-cpp/', '')];
    if (platform === undefined) throw new Error(`No platform known for ${dependency}; add it to PLATFORMS.`);
    packages[key] = { version, license: 'MIT', optional: true, os: [platform[0]], cpu: [platform[1]] };
    added += 1;
  }
}
/** os, cpu and libc of a rollup binary package, read from its name (`linux-arm64-musl`, `win32-x64-msvc`). */
function rollupPlatform(name) {
  const [os, architecture, abi] = name.replace('@rollup/rollup-', '').split('-');
  const cpu = {
    arm: 'arm',
    arm64: 'arm64',
    x64: 'x64',
    ia32: 'ia32',
    loong64: 'loong64',
    ppc64: 'ppc64',
    riscv64: 'riscv64',
    s390x: 's390x',
  }[architecture];
  if (os === undefined || cpu === undefined) throw new Error(`No platform known for ${name}.`);
  const entry = { os: [os], cpu: [cpu] };
  if (abi?.startsWith('musl')) entry.libc = ['musl'];
  else if (abi?.startsWith('gnu') && os === 'linux') entry.libc = ['glibc'];
  return entry;
}

for (const [path, entry] of Object.entries(packages)) {
  if (!path.endsWith('node_modules/rollup')) continue;
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dependency}`;
    if (packages[key] !== undefined) continue;
    packages[key] = { version, license: 'MIT', optional: true, ...rollupPlatform(dependency) };
    added += 1;
  }
}
writeFileSync(lockfilePath, `${JSON.stringify(lockfile, null, 2)}\n`);
console.log(`added ${added} lockfile entries`);
