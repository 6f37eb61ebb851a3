import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Reads a one-line secret from `path`, or creates it with `generate()` (mode 0600) when absent. The `wx`
 * flag makes two processes starting together agree on one value: the loser reads the winner's file.
 */
export function readOrCreateKeyFile(path: string, generate: () => string): { key: string; created: boolean } {
  const existing = readKeyFile(path);
  if (existing !== undefined) return { key: existing, created: false };
  mkdirSync(dirname(path), { recursive: true });
  const key = generate();
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key, created: true };
  } catch (error) {
    const raced = readKeyFile(path);
    if (raced !== undefined) return { key: raced, created: false };
    throw error;
  }
}

function readKeyFile(path: string): string | undefined {
  try {
    const key = readFileSync(path, 'utf8').trim();
    if (key === '') throw new Error(`${path} is empty; delete it to have a new key generated.`);
    return key;
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
