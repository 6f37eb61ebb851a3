import type { ChatStreamEvent } from '../../spec/index.js';
import { redactPii, type PiiMatch } from '../pii/find-pii.js';
import type { ResolvedPolicy } from '../policy/resolved-policy.js';
import { inspectCompletion } from './inspect-completion.js';

export interface StreamWindowOptions {
  /** Generated characters held per choice before they are graded and released. */
  windowChars: number;
  /** Longest time text is held: after it, what is held is graded and released however short. */
  maxDelayMs: number;
  /** How many choices the request asked for (`n`): when all are cut, the upstream is no longer needed. */
  choices: number;
  /** Called once every choice was ended by the filter, to stop the upstream. */
  onAllChoicesCut?: () => void;
  signal?: AbortSignal;
}

/** Set while the stream runs; read once it ended, to meter and bill the request as filtered. */
export interface StreamFilterState {
  filtered: boolean;
  /** A redaction of this stream was already reported (one event per stream is enough). */
  redactionRecorded?: boolean;
}

/**
 * The last characters of a window are held back until more text comes (or the choice ends): a card number or
 * an IBAN written with spaces is at most this long, so one is never released half-redacted.
 */
const HOLDBACK_CHARS = 48;
/** Released text graded again with the next window, so a phrase split across two windows is seen whole. */
const CONTEXT_CHARS = 64;

type TextKind = 'text' | 'reasoning' | 'refusal';
type HeldItem = { kind: TextKind; text: string } | { kind: 'event'; event: ChatStreamEvent };

interface ChoiceWindow {
  items: HeldItem[];
  heldChars: number;
  /** performance.now() when the oldest held text arrived; undefined while none is held. */
  heldSince: number | undefined;
  /** Characters of generated text released so far: the offsets of the next annotation start here. */
  released: number;
  context: string;
  cut: boolean;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Checks a choice's output while it streams, in windows, as Azure's default streaming filter does: text is
 * released only once the window it belongs to was graded, followed by an annotation-only event; a window the
 * policy refuses ends its choice with `finish_reason: content_filter`, and its text is never sent.
 */
export async function* filterChatStream(
  events: AsyncIterable<ChatStreamEvent>,
  resolved: ResolvedPolicy,
  options: StreamWindowOptions,
  state: StreamFilterState,
): AsyncGenerator<ChatStreamEvent> {
  const windows = new Map<number, ChoiceWindow>();
  const windowOf = (choice: number): ChoiceWindow => {
    let window = windows.get(choice);
    if (window === undefined) {
      window = { items: [], heldChars: 0, heldSince: undefined, released: 0, context: '', cut: false };
      windows.set(choice, window);
    }
    return window;
  };

  /**
   * Grades what a choice holds and releases it, or ends the choice. `window`: a full window, released up to the
   * last word that ends before the hold-back; `timed`: held too long, released up to its last whole word;
   * `final`: the choice (or the stream) ended, released to the last character.
   */
  async function* release(choice: number, mode: ReleaseMode): AsyncGenerator<ChatStreamEvent> {
    const window = windowOf(choice);
    if (window.cut) return;
    const held = window.items;
    const text = held.map((item) => (item.kind === 'event' ? '' : item.text)).join('');
    if (text === '') {
      window.items = [];
      for (const item of held) if (item.kind === 'event') yield item.event;
      return;
    }
    const boundary = releaseBoundary(text, mode);
    if (boundary === 0) return;
    const inspection = await inspectCompletion(text, resolved, window.context, options.signal, boundary);
    if (inspection.blocked) {
      window.cut = true;
      window.items = [];
      window.heldChars = 0;
      window.heldSince = undefined;
      state.filtered = true;
      yield {
        type: 'choice-finish',
        choice,
        finishReason: { unified: 'content_filter', raw: 'content_filter' },
        contentFilterResults: inspection.results,
      };
      const cutChoices = [...windows.values()].filter((candidate) => candidate.cut).length;
      if (cutChoices >= options.choices) options.onAllChoicesCut?.();
      return;
    }
    const end = releaseEnd(boundary, inspection.redactions);
    if (end === 0) return;
    const { released, kept } = splitItems(held, end);
    // Deltas keep their size: a client sees the tokens as generated, only later by up to one window.
    for (const item of released) {
      if (item.kind === 'event') yield item.event;
      else yield textEvent(item.kind, choice, redactSpan(item, inspection.redactions));
    }
    yield {
      type: 'content-filter',
      choice,
      results: inspection.results,
      offsets: { checkOffset: window.released, startOffset: window.released, endOffset: window.released + end },
    };
    window.context = `${window.context}${text.slice(0, end)}`.slice(-CONTEXT_CHARS);
    window.released += end;
    window.items = kept;
    window.heldChars = text.length - end;
    // The rest keeps its arrival time, so no text is held longer than maxDelayMs; after a timed release only a
    // word still being written is left, and it gets another delay to finish.
    if (window.heldChars === 0) window.heldSince = undefined;
    else if (mode === 'timed') window.heldSince = performance.now();
  }

  async function* releaseAll(): AsyncGenerator<ChatStreamEvent> {
    for (const choice of [...windows.keys()]) yield* release(choice, 'final');
  }

  const iterator = events[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<ChatStreamEvent>> | undefined;
  let finished = false;
  try {
    for (;;) {
      pending ??= iterator.next();
      const step = await nextOrTimeout(pending, earliestDeadline(windows, options.maxDelayMs));
      if (step === TIMED_OUT) {
        const now = performance.now();
        for (const [choice, window] of windows) {
          if (window.heldSince !== undefined && now - window.heldSince >= options.maxDelayMs) {
            yield* release(choice, 'timed');
          }
        }
        continue;
      }
      pending = undefined;
      if (step.done === true) {
        finished = true;
        break;
      }
      const event = step.value;
      switch (event.type) {
        case 'text-delta':
        case 'reasoning-delta':
        case 'refusal-delta': {
          const window = windowOf(event.choice);
          if (window.cut) break;
          window.items.push({ kind: kindOf(event.type), text: event.delta });
          window.heldChars += event.delta.length;
          window.heldSince ??= performance.now();
          if (window.heldChars >= options.windowChars) yield* release(event.choice, 'window');
          break;
        }
        case 'tool-call-start':
        case 'tool-call-delta':
        case 'logprobs': {
          const window = windowOf(event.choice);
          if (window.cut) break;
          if (window.items.length > 0) window.items.push({ kind: 'event', event });
          else yield event;
          break;
        }
        case 'choice-finish': {
          const window = windowOf(event.choice);
          if (!window.cut) yield* release(event.choice, 'final');
          if (!window.cut) yield event;
          break;
        }
        case 'usage':
        case 'error':
          yield* releaseAll();
          yield event;
          break;
        default:
          yield event;
      }
      if (options.choices > 0 && [...windows.values()].filter((window) => window.cut).length >= options.choices) {
        break;
      }
    }
    if (finished) yield* releaseAll();
  } finally {
    if (!finished) {
      // The upstream is no longer read: a filtered or abandoned stream. return() waits behind a read in flight,
      // which the caller's onAllChoicesCut (or the client's disconnect) is there to end.
      pending?.catch(() => undefined);
      iterator.return?.().catch(() => undefined);
    }
  }
}

function kindOf(type: 'text-delta' | 'reasoning-delta' | 'refusal-delta'): TextKind {
  if (type === 'reasoning-delta') return 'reasoning';
  if (type === 'refusal-delta') return 'refusal';
  return 'text';
}

function textEvent(kind: TextKind, choice: number, delta: string): ChatStreamEvent {
  if (kind === 'reasoning') return { type: 'reasoning-delta', choice, delta };
  if (kind === 'refusal') return { type: 'refusal-delta', choice, delta };
  return { type: 'text-delta', choice, delta };
}

type ReleaseMode = 'window' | 'timed' | 'final';

/**
 * Where the graded and released part of the held text ends: after the last whitespace before the hold-back
 * (`window`) or before the end (`timed`), so a word is never graded or sent in halves; everything when `final`,
 * or when `timed` finds one long word. 0: nothing can go yet.
 */
function releaseBoundary(text: string, mode: ReleaseMode): number {
  if (mode === 'final') return text.length;
  const limit = mode === 'window' ? text.length - HOLDBACK_CHARS : text.length;
  for (let at = limit; at > 0; at -= 1) {
    if (/\s/.test(text[at - 1] ?? '')) return at;
  }
  return mode === 'timed' ? text.length : 0;
}

/** Where this release ends: the boundary, or earlier, before personal data that crosses it. */
function releaseEnd(boundary: number, redactions: readonly PiiMatch[]): number {
  let end = boundary;
  for (const match of redactions) {
    if (match.start < end && match.end > end) end = match.start;
  }
  return end;
}

interface OffsetText {
  kind: TextKind;
  text: string;
  /** Offset of `text` in the window. */
  at: number;
}
type OffsetItem = OffsetText | { kind: 'event'; event: ChatStreamEvent };

/** The held items before `end` (text offsets kept, for redaction) and those after it, still held. */
function splitItems(items: readonly HeldItem[], end: number): { released: OffsetItem[]; kept: HeldItem[] } {
  const released: OffsetItem[] = [];
  const kept: HeldItem[] = [];
  let at = 0;
  for (const item of items) {
    if (item.kind === 'event') {
      (at < end || (at === end && kept.length === 0) ? released : kept).push(item);
      continue;
    }
    const from = at;
    at += item.text.length;
    if (at <= end) released.push({ kind: item.kind, text: item.text, at: from });
    else if (from >= end) kept.push(item);
    else {
      released.push({ kind: item.kind, text: item.text.slice(0, end - from), at: from });
      kept.push({ kind: item.kind, text: item.text.slice(end - from) });
    }
  }
  return { released, kept };
}

function redactSpan(item: OffsetText, redactions: readonly PiiMatch[]): string {
  const inside: PiiMatch[] = [];
  const to = item.at + item.text.length;
  for (const match of redactions) {
    if (match.end <= item.at || match.start >= to) continue;
    inside.push({
      kind: match.kind,
      start: Math.max(match.start, item.at) - item.at,
      end: Math.min(match.end, to) - item.at,
      continued: match.start < item.at,
    });
  }
  return inside.length === 0 ? item.text : redactPii(item.text, inside);
}

function earliestDeadline(windows: ReadonlyMap<number, ChoiceWindow>, maxDelayMs: number): number | undefined {
  let earliest: number | undefined;
  for (const window of windows.values()) {
    if (window.heldSince === undefined || window.cut) continue;
    const deadline = window.heldSince + maxDelayMs;
    if (earliest === undefined || deadline < earliest) earliest = deadline;
  }
  return earliest;
}

async function nextOrTimeout<T>(next: Promise<T>, deadline: number | undefined): Promise<T | typeof TIMED_OUT> {
  if (deadline === undefined) return next;
  const wait = deadline - performance.now();
  if (wait <= 0) return TIMED_OUT;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), wait);
  });
  try {
    return await Promise.race([next, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
