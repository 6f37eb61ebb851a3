import type { ReactNode } from 'react';
import {
  CATEGORY_TITLES,
  HARM_CATEGORIES,
  PII_KINDS,
  PII_TITLES,
  SHIELD_TITLES,
  SHIELDS,
  type Analyzer,
  type Policy,
} from './safety-types';
import { SidesHead } from './side-selects-table';

function Row(props: { setting: string; prompt: ReactNode; completion: ReactNode }) {
  return (
    <tr>
      <th scope="row">{props.setting}</th>
      <td>{props.prompt}</td>
      <td>{props.completion}</td>
    </tr>
  );
}

/** A setting's value, toned so that what refuses stands out from what only annotates. */
function Value(props: { value: string }) {
  const tone =
    props.value === 'off'
      ? 'value-off'
      : props.value === 'block' || props.value === 'low'
        ? 'value-strict'
        : 'value-on';
  return <span className={`policy-value ${tone}`}>{props.value}</span>;
}

function listOrNone(names: readonly string[]): ReactNode {
  return names.length === 0 ? <span className="hint">none</span> : names.join(', ');
}

export function analyzerInWords(analyzer: Analyzer): string {
  switch (analyzer.type) {
    case 'builtin':
      return 'Built-in (no model, no network)';
    case 'model':
      return `Model: deployment ${analyzer.project === undefined ? '' : `${analyzer.project}/`}${analyzer.deployment}`;
    case 'azure-content-safety':
      return `Azure AI Content Safety at ${analyzer.endpoint}${analyzer.api_key_set === false ? ' (no key stored)' : ''}`;
  }
}

/** Categories × thresholds, shields, blocklists and personal-data actions, for the prompt and the completion. */
export function PolicySettingsTable(props: { policy: Policy }) {
  const { prompt, completion } = props.policy;
  return (
    <div className="table-wrap">
      <table className="policy-table">
        <caption className="visually-hidden">Settings of policy {props.policy.name}</caption>
        <SidesHead rows="Setting" />
        <tbody>
          {HARM_CATEGORIES.map((category) => (
            <Row
              key={category}
              setting={`${CATEGORY_TITLES[category]} threshold`}
              prompt={<Value value={prompt[category]} />}
              completion={<Value value={completion[category]} />}
            />
          ))}
          {SHIELDS.map((shield) => (
            <Row
              key={shield}
              setting={SHIELD_TITLES[shield]}
              prompt={<Value value={prompt[shield]} />}
              completion={<span className="hint">—</span>}
            />
          ))}
          <Row
            setting="Blocklists"
            prompt={listOrNone(prompt.blocklists)}
            completion={listOrNone(completion.blocklists)}
          />
          {PII_KINDS.map((kind) => (
            <Row
              key={kind}
              setting={PII_TITLES[kind]}
              prompt={<Value value={prompt.pii[kind]} />}
              completion={<Value value={completion.pii[kind]} />}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
