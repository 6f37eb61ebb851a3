import { useState, type KeyboardEvent } from 'react';
import { CopyButton, Dialog } from '../../components/ui';
import type { ChatBody } from './chat-request';
import { KEY_VARIABLE, SNIPPET_TITLES, codeSnippets, type CodeSnippets } from './code-snippets';

const TABS = Object.keys(SNIPPET_TITLES) as (keyof CodeSnippets)[];

/** The playground's request as code for the OpenAI SDK, the Azure AI Inference SDK and curl. */
export function CodeDialog(props: { bodies: readonly ChatBody[]; origin: string; onClose: () => void }) {
  const [tab, setTab] = useState<keyof CodeSnippets>('openai');
  const [which, setWhich] = useState(0);
  const body = props.bodies[which] ?? props.bodies[0];
  if (body === undefined) return null;
  const code = codeSnippets(props.origin, body)[tab];
  // Arrow keys move between tabs, as in any tab list.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const step = event.key === 'ArrowRight' ? 1 : TABS.length - 1;
    const next = TABS[(TABS.indexOf(tab) + step) % TABS.length] ?? 'openai';
    setTab(next);
    document.getElementById(`code-tab-${next}`)?.focus();
  };
  return (
    <Dialog title="View code" open onClose={props.onClose}>
      <p className="hint">
        The same call as the playground makes, with the key read from <code>{KEY_VARIABLE}</code>.
      </p>
      {props.bodies.length > 1 ? (
        <div className="row" role="radiogroup" aria-label="Deployment">
          {props.bodies.map((candidate, index) => (
            <label key={index} className="check">
              <input type="radio" name="code-deployment" checked={index === which} onChange={() => setWhich(index)} />
              {candidate.model}
            </label>
          ))}
        </div>
      ) : null}
      <div className="tabs" role="tablist" aria-label="Language" onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`code-tab-${name}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === name}
            aria-controls="code-panel"
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {SNIPPET_TITLES[name]}
          </button>
        ))}
      </div>
      <div id="code-panel" role="tabpanel" aria-labelledby={`code-tab-${tab}`}>
        <div className="row code-actions">
          <CopyButton text={code} label={`Copy the ${SNIPPET_TITLES[tab]} code`} />
        </div>
        <pre className="code-block">
          <code>{code}</code>
        </pre>
      </div>
    </Dialog>
  );
}
