import { useState, type FormEvent } from 'react';
import type { ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { Button, Empty, ErrorNote, Field, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { ChatLane } from './chat-lane';
import {
  DEFAULT_SETTINGS,
  buildChatBody,
  parseTools,
  settingsProblems,
  type ChatMessage,
  type ChatSettings,
} from './chat-request';
import { CodeDialog } from './code-dialog';
import { messagesOf, pendingToolCalls } from './conversation';
import { KeyPanel } from './key-panel';
import { forgetPlaygroundKey, storedPlaygroundKey, type PlaygroundKey } from './playground-key';
import { SettingsPanel } from './settings-panel';
import { useChatLanes } from './use-chat-lanes';
import { usePriceCards, type DeploymentSummary } from './use-price-cards';

const NO_DEPLOYMENTS: DeploymentSummary[] = [];

export function PlaygroundPage() {
  const session = useSession();
  if (session.project === null) {
    return (
      <div className="area-playground">
        <PageHeader title="Playground" />
        <Empty>There is no project to try deployments in yet.</Empty>
      </div>
    );
  }
  return <Playground key={session.project} project={session.project} />;
}

function Playground(props: { project: string }) {
  const api = useApi();
  const deployments = useLoad(
    (signal) =>
      api<ListAnswer<DeploymentSummary>>(`/admin/projects/${encodeURIComponent(props.project)}/deployments`, {
        signal,
      }),
    [props.project],
  );
  const list = deployments.data?.data ?? NO_DEPLOYMENTS;
  const [apiKey, setApiKey] = useState<PlaygroundKey | null>(() => storedPlaygroundKey(props.project));
  const [picked, setPicked] = useState<string[]>([]);
  const [sideBySide, setSideBySide] = useState(false);
  const [settings, setSettings] = useState<ChatSettings>(DEFAULT_SETTINGS);
  const [draft, setDraft] = useState('');
  const [toolResults, setToolResults] = useState<Record<string, string>>({});
  const [showCode, setShowCode] = useState(false);
  const chat = useChatLanes(1);
  const priceFor = usePriceCards(props.project, list);

  const laneCount = sideBySide ? 2 : 1;
  const names = list.map((deployment) => deployment.name);
  // A pick that is gone from the list (or none yet) falls back to the deployments in order.
  const chosen = Array.from({ length: laneCount }, (_, lane) => {
    const pick = picked[lane];
    return pick !== undefined && names.includes(pick) ? pick : (names[lane] ?? names[0]);
  }).filter((name): name is string => name !== undefined);

  const parsedTools = parseTools(settings.tools);
  const tools = 'tools' in parsedTools ? parsedTools.tools : undefined;
  const toolsProblem = 'problem' in parsedTools ? parsedTools.problem : undefined;
  const problems = settingsProblems(settings);
  // Tool results are answered in a single conversation; side by side, each model's calls differ.
  const pending = laneCount === 1 ? pendingToolCalls(chat.lanes[0] ?? []) : [];
  const hasInput = draft.trim() !== '' || pending.length > 0;
  const settingsValid = toolsProblem === undefined && Object.keys(problems).length === 0;
  const canSend = apiKey !== null && chosen.length === laneCount && !chat.busy && settingsValid && hasInput;

  const replaceKey = () => {
    forgetPlaygroundKey(props.project);
    setApiKey(null);
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    const results: Record<string, string> = {};
    for (const call of pending) results[call.id] = toolResults[call.id] ?? '';
    void chat.send({
      deployments: chosen,
      text: draft,
      toolResults: results,
      settings,
      tools,
      apiKey: apiKey.secret,
      priceFor,
    });
    setDraft('');
    setToolResults({});
  };

  const codeBodies = () => {
    // Invalid numbers are left out rather than shown as null in the code.
    const clean: ChatSettings = {
      ...settings,
      ...(problems.temperature === undefined ? {} : { temperature: '' }),
      ...(problems.topP === undefined ? {} : { topP: '' }),
      ...(problems.maxTokens === undefined ? {} : { maxTokens: '' }),
    };
    return chosen.map((name, lane) => {
      const entries = chat.lanes[lane] ?? [];
      // With a message typed: the call Send would make. Without: the last call made, so its reply is left out.
      const last = entries.at(-1);
      const conversation: ChatMessage[] = messagesOf(
        draft.trim() === '' && last?.kind === 'reply' ? entries.slice(0, -1) : entries,
      );
      if (draft.trim() !== '') conversation.push({ role: 'user', content: draft });
      else if (conversation.length === 0) conversation.push({ role: 'user', content: 'Hello!' });
      return buildChatBody(name, clean, conversation, tools);
    });
  };

  const empty = chat.lanes.every((lane) => lane.length === 0);
  return (
    <div className="area-playground">
      <PageHeader title="Playground">
        <Button onClick={() => setShowCode(true)} disabled={chosen.length === 0}>
          View code
        </Button>
        <Button onClick={() => chat.reset(laneCount)} disabled={empty}>
          Clear chat
        </Button>
      </PageHeader>
      <KeyPanel project={props.project} apiKey={apiKey} onChange={setApiKey} />
      {deployments.loading && deployments.data === undefined ? (
        <Loading what="deployments" />
      ) : deployments.error !== undefined ? (
        <ErrorNote error={deployments.error} retry={() => deployments.reload()} />
      ) : list.length === 0 ? (
        <Empty>
          Project {props.project} has no deployments yet. <a href="#/deployments">Deploy a model</a> to try it here.
        </Empty>
      ) : (
        <div className="playground">
          <SettingsPanel
            deployments={list}
            picked={chosen}
            onPick={(lane, name) => {
              const next = [...chosen];
              next[lane] = name;
              setPicked(next);
            }}
            sideBySide={sideBySide}
            onSideBySide={(on) => {
              setSideBySide(on);
              chat.reset(on ? 2 : 1);
            }}
            settings={settings}
            onSettings={setSettings}
            problems={problems}
            toolsProblem={toolsProblem}
            busy={chat.busy}
          />
          <div className="playground-chat">
            <div className={laneCount === 2 ? 'chat-lanes chat-lanes-two' : 'chat-lanes'}>
              {Array.from({ length: laneCount }, (_, lane) => (
                <ChatLane
                  key={lane}
                  title={laneCount === 2 ? (chosen[lane] ?? null) : null}
                  entries={chat.lanes[lane] ?? []}
                  onReplaceKey={replaceKey}
                />
              ))}
            </div>
            <form className="card composer" onSubmit={send}>
              {pending.map((call) => (
                <Field key={call.id} label={`Result of ${call.function.name}`} hint="Sent back as the tool’s answer.">
                  {(id, describedBy) => (
                    <textarea
                      id={id}
                      aria-describedby={describedBy}
                      className="code-input"
                      rows={2}
                      value={toolResults[call.id] ?? ''}
                      onChange={(event) => setToolResults({ ...toolResults, [call.id]: event.target.value })}
                    />
                  )}
                </Field>
              ))}
              <Field label="Message" hint={apiKey === null ? 'Choose an API key above to send.' : 'Ctrl+Enter sends.'}>
                {(id, describedBy) => (
                  <textarea
                    id={id}
                    aria-describedby={describedBy}
                    rows={3}
                    value={draft}
                    onChange={(event) => setDraft(event.target.value)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send();
                    }}
                  />
                )}
              </Field>
              {settingsValid ? null : <p className="field-error">Fix the settings marked in red to send.</p>}
              <div className="row">
                <Button type="submit" variant="primary" disabled={!canSend}>
                  {laneCount === 2 ? 'Send to both' : 'Send'}
                </Button>
                {chat.busy ? <Button onClick={chat.stop}>Stop</Button> : null}
              </div>
            </form>
          </div>
        </div>
      )}
      {showCode ? (
        <CodeDialog bodies={codeBodies()} origin={window.location.origin} onClose={() => setShowCode(false)} />
      ) : null}
    </div>
  );
}
