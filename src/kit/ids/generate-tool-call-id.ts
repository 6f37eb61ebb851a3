import { randomUUID } from 'node:crypto';

/** For servers that stream or return a tool call without an id: clients need one to answer it. */
export function generateToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
