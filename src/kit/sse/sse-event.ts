/** One dispatched server-sent event. */
export interface SseEvent {
  /** The `event:` field; undefined when the frame had none (OpenAI-style data-only streams). */
  event: string | undefined;
  /** All `data:` lines of the frame joined with "\n". */
  data: string;
  id: string | undefined;
}
