// Adds lockfile entries for optional platform packages that the registry this lockfile was made against does
// not serve (node-llama-cpp's macOS, Windows and riscv binaries). Without them `npm ci` refuses the lockfile as
// out of sync. Each entry carries `os`/`cpu`, so npm skips it on every other platform; on a machine that does
// match, npm fetches it from its own registry. Run after changing node-llama-cpp's version:
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
writeFileSync(lockfilePath, `${JSON.stringify(lockfile, null, 2)}\n`);
console.log(`added ${added} lockfile entries`);
