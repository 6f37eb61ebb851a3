/** The four things measured side by side; `direct` is the emulator itself, the baseline every "added" figure subtracts. */
export const TARGET_NAMES = ['direct', 'pass-through', 'hangar', 'portkey'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export const TARGET_LABELS: Record<TargetName, string> = {
  direct: 'direct (emulator)',
  'pass-through': 'bare pass-through (Fastify + undici)',
  hangar: 'Hangar (keys + metering on)',
  portkey: 'Portkey gateway 1.15.2',
};

export interface Target {
  name: TargetName;
  /** The full chat completions URL. */
  url: string;
  headers: Record<string, string>;
  /** The process that serves it: its RSS and CPU time are read from /proc. */
  pid: number;
}

/** The deployment name in Hangar and the model the emulator is asked for. */
export const BENCH_MODEL = 'gpt-4o-mini';

/** The same body for every target; only the stream flag changes between the phases. */
export function chatBody(stream: boolean): string {
  return JSON.stringify({
    model: BENCH_MODEL,
    messages: [
      { role: 'system', content: 'You are a concise assistant.' },
      { role: 'user', content: 'Say hello to the benchmark in a few words.' },
    ],
    ...(stream ? { stream: true } : {}),
  });
}
