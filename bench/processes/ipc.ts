import type { ChildProcess } from 'node:child_process';

/** What a bench child sends once it listens. */
export interface ReadyMessage {
  type: 'ready';
  url: string;
  /** Anything else the parent needs (the emulator's key, …). */
  details: Record<string, string>;
}

export interface CallMessage {
  type: 'call';
  id: number;
  name: string;
  argument?: string;
}

export interface AnswerMessage {
  type: 'answer';
  id: number;
  ok: boolean;
  value?: string;
  error?: string;
}

type Handler = (argument: string | undefined) => Promise<string | undefined> | string | undefined;

function isCall(message: unknown): message is CallMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'call';
}

/**
 * Child side: announces readiness and answers the parent's calls. A child whose parent goes away exits,
 * so a crashed bench never leaves servers behind.
 */
export function serveParent(ready: Omit<ReadyMessage, 'type'>, handlers: Record<string, Handler>): void {
  if (process.send === undefined) throw new Error('bench children must be started with an IPC channel');
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: unknown) => {
    if (!isCall(message)) return;
    const handler = handlers[message.name];
    const answer = (reply: Omit<AnswerMessage, 'type' | 'id'>): void => {
      process.send?.({ type: 'answer', id: message.id, ...reply } satisfies AnswerMessage);
    };
    if (handler === undefined) {
      answer({ ok: false, error: `no handler named ${message.name}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.argument))
      .then(
        (value) => answer({ ok: true, value }),
        (error: unknown) => answer({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  process.send({ type: 'ready', ...ready } satisfies ReadyMessage);
}

let nextCallId = 1;

/** Parent side: one request/answer round trip over the child's IPC channel. */
export function callChild(child: ChildProcess, name: string, argument?: string): Promise<string | undefined> {
  const id = nextCallId++;
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      const answer = message as AnswerMessage;
      if (answer.type !== 'answer' || answer.id !== id) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (answer.ok) resolve(answer.value);
      else reject(new Error(`${name} failed in the child: ${answer.error ?? 'unknown error'}`));
    };
    const onExit = (): void => {
      child.off('message', onMessage);
      reject(new Error(`the child exited before answering ${name}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type: 'call', id, name, argument } satisfies CallMessage);
  });
}
