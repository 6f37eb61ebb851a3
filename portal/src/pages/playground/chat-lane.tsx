import { Button, ErrorNote } from '../../components/ui';
import type { Entry, ReplyEntry } from './conversation';
import { describeChatError, keyRefused } from './describe-chat-error';
import { ReplyStats } from './reply-stats';

const FINISH_NOTES: Record<string, string> = {
  length: 'The answer stopped at the max tokens limit.',
  content_filter: 'The content filter cut the answer.',
};

/** One deployment's conversation: what was sent, and each reply as it streams in. */
export function ChatLane(props: { title: string | null; entries: readonly Entry[]; onReplaceKey: () => void }) {
  const streaming = props.entries.some((entry) => entry.kind === 'reply' && entry.status === 'streaming');
  return (
    <section className="chat-lane" aria-label={props.title ?? 'Conversation'}>
      {props.title === null ? null : <h2 className="chat-lane-title">{props.title}</h2>}
      {props.entries.length === 0 ? (
        <p className="hint chat-empty">Send a message to start.</p>
      ) : (
        <ol className="chat-log" role="log" aria-busy={streaming}>
          {props.entries.map((entry) => (
            <li key={entry.id} className={`chat-entry chat-${entry.kind}`}>
              {entry.kind === 'user' ? (
                <>
                  <span className="chat-who">You</span>
                  <div className="chat-text">{entry.content}</div>
                </>
              ) : entry.kind === 'tool' ? (
                <>
                  <span className="chat-who">Tool result · {entry.name}</span>
                  <pre className="chat-text">{entry.content}</pre>
                </>
              ) : (
                <Reply reply={entry} onReplaceKey={props.onReplaceKey} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Reply(props: { reply: ReplyEntry; onReplaceKey: () => void }) {
  const { reply } = props;
  const note = reply.finishReason === null ? undefined : FINISH_NOTES[reply.finishReason];
  return (
    <>
      <span className="chat-who">
        {reply.deployment}
        {reply.status === 'streaming' ? <span className="chat-streaming"> · answering…</span> : null}
        {reply.status === 'stopped' ? <span className="hint"> · stopped</span> : null}
      </span>
      {reply.reasoning === '' ? null : (
        <details className="chat-reasoning">
          <summary>Reasoning</summary>
          <div className="chat-text">{reply.reasoning}</div>
        </details>
      )}
      {reply.content === '' ? null : <div className="chat-text">{reply.content}</div>}
      {reply.toolCalls.map((call) => (
        <div key={call.id} className="chat-tool-call">
          <span className="chat-who">Tool call · {call.function.name}</span>
          <pre>{formatArguments(call.function.arguments)}</pre>
        </div>
      ))}
      {note === undefined ? null : <p className="hint">{note}</p>}
      {reply.error === null ? null : (
        <div>
          <ErrorNote error={describeChatError(reply.error)} />
          {keyRefused(reply.error) ? <Button onClick={props.onReplaceKey}>Use another key</Button> : null}
        </div>
      )}
      <ReplyStats reply={reply} />
    </>
  );
}

/** Arguments stream as JSON text; once whole, they read better indented. */
function formatArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
