import { useRef, useState, type KeyboardEvent } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { Empty, ErrorNote, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import { segment } from '../admin/admin-types';
import { BlocklistsTab } from './blocklists-tab';
import { FilterEventsTab } from './filter-events-tab';
import { PoliciesTab } from './policies-tab';
import type { Blocklist, DeploymentSummary, Policy } from './safety-types';

const TABS = [
  { id: 'policies', title: 'Policies' },
  { id: 'blocklists', title: 'Blocklists' },
  { id: 'events', title: 'Filtered requests' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** The project's content filtering: policies and which deployments use them, blocklists, and what was filtered. */
export function ContentSafetyPage() {
  const session = useSession();
  const project = session.project;
  if (project === null) {
    return (
      <div className="area-safety">
        <PageHeader title="Content safety" />
        <Empty>There is no project yet.</Empty>
      </div>
    );
  }
  return <ProjectContentSafety key={project} project={project} />;
}

function ProjectContentSafety(props: { project: string }) {
  const session = useSession();
  const api = useApi();
  const [tab, setTab] = useState<Tab>('policies');
  const base = `/admin/projects/${segment(props.project)}`;
  const policies = useLoad(
    (signal) => api<ListAnswer<Policy>>(`${base}/content-filters`, { signal }).then((answer) => answer.data),
    [base],
  );
  const deployments = useLoad(
    (signal) => api<ListAnswer<DeploymentSummary>>(`${base}/deployments`, { signal }).then((answer) => answer.data),
    [base],
  );
  const blocklists = useLoad(
    (signal) => api<ListAnswer<Blocklist>>(`${base}/blocklists`, { signal }).then((answer) => answer.data),
    [base],
  );
  const canEdit = session.can('Contributor', props.project);

  const loads =
    tab === 'policies' ? [policies, deployments, blocklists] : tab === 'blocklists' ? [blocklists, policies] : [];
  const failed = loads.find((load) => load.error !== undefined);
  const waiting = loads.some((load) => load.data === undefined && load.loading);

  return (
    <div className="area-safety">
      <PageHeader title={`Content safety of ${props.project}`} />
      {canEdit ? null : <p className="hint">You can read the project’s filtering; Contributors change it.</p>}
      <Tabs tab={tab} onChange={setTab} />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {failed?.error === undefined ? null : <ErrorNote error={failed.error} retry={() => failed.reload()} />}
        {waiting ? <Loading what="content safety" /> : null}
        {tab === 'policies' && policies.data && deployments.data && blocklists.data ? (
          <PoliciesTab
            project={props.project}
            policies={policies.data}
            deployments={deployments.data}
            blocklists={blocklists.data.map((list) => list.name)}
            canEdit={canEdit}
            platformAdmin={session.me.platform_admin}
            onPoliciesChanged={() => policies.reload()}
            onDeploymentsChanged={() => deployments.reload()}
          />
        ) : null}
        {tab === 'blocklists' && blocklists.data && policies.data ? (
          <BlocklistsTab
            project={props.project}
            blocklists={blocklists.data}
            policies={policies.data}
            canEdit={canEdit}
            onChanged={() => blocklists.reload()}
          />
        ) : null}
        {tab === 'events' ? <FilterEventsTab project={props.project} /> : null}
      </div>
    </div>
  );
}

/** WAI-ARIA tabs: arrow keys move between them, Home and End jump, the selected one is the only tab stop. */
function Tabs(props: { tab: Tab; onChange: (tab: Tab) => void }) {
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const keyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((tab) => tab.id === props.tab);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = TABS[next];
    if (target === undefined) return;
    props.onChange(target.id);
    buttons.current[target.id]?.focus();
  };
  return (
    <div role="tablist" aria-label="Content safety" className="tabs" onKeyDown={keyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.id}
          ref={(element) => {
            buttons.current[tab.id] = element;
          }}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={props.tab === tab.id}
          aria-controls={`panel-${tab.id}`}
          tabIndex={props.tab === tab.id ? 0 : -1}
          className="tab"
          onClick={() => props.onChange(tab.id)}
        >
          {tab.title}
        </button>
      ))}
    </div>
  );
}
