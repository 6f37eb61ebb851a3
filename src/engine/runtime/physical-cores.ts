import { availableParallelism, cpus } from 'node:os';

/**
 * Physical cores, as far as Node can tell: logical CPUs sharing a model name are counted once per pair when
 * the machine reports more than two of them (SMT), since llama.cpp's math threads gain nothing from
 * hyper-threads and oversubscription costs it orders of magnitude (docs/operations.md, "Threads").
 */
export function physicalCores(): number {
  const logical = availableParallelism();
  const reported = cpus();
  const smtLikely = reported.length > 2 && reported.length % 2 === 0 && /intel|amd/i.test(reported[0]?.model ?? '');
  return Math.max(1, smtLikely ? Math.floor(logical / 2) : logical);
}
