import { useEffect, useState } from 'react';
import { useApi } from '../../auth/session-context';
import { dateTime } from '../../components/format';
import { Badge, Button, Empty, ErrorNote, Loading } from '../../components/ui';
import type { ListAnswer } from '../../api/client';
import { segment } from '../admin/admin-types';
import { useAction } from '../admin/use-action';
import { describeResults } from './describe-results';
import type { FilterEvent } from './safety-types';

const PAGE = 50;

const ACTION_TONES = { blocked: 'bad', redacted: 'warn', annotated: 'neutral' } as const;

/** The project's recent filtered requests, newest first, with their annotations in words (never the text). */
export function FilterEventsTab(props: { project: string }) {
  const api = useApi();
  const [events, setEvents] = useState<FilterEvent[] | undefined>(undefined);
  const [more, setMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const action = useAction();
  const { run } = action;

  const path = (before?: string) =>
    `/admin/projects/${segment(props.project)}/content-filters/events?limit=${PAGE}` +
    (before === undefined ? '' : `&before=${encodeURIComponent(before)}`);

  useEffect(() => {
    setEvents(undefined);
    void run(async () => {
      const answer = await api<ListAnswer<FilterEvent>>(path());
      setEvents(answer.data);
      setMore(answer.data.length === PAGE);
    });
    // `path` is rebuilt every render from the project, which is a dependency.
  }, [props.project, generation, api, run]);

  const older = () =>
    void action.run(async () => {
      const last = events?.[events.length - 1];
      if (last === undefined) return;
      const answer = await api<ListAnswer<FilterEvent>>(path(last.at));
      setEvents([...(events ?? []), ...answer.data]);
      setMore(answer.data.length === PAGE);
    });

  return (
    <>
      <div className="section-head">
        <h2>Filtered requests</h2>
        <Button onClick={() => setGeneration(generation + 1)} disabled={action.busy}>
          Refresh
        </Button>
      </div>
      <p className="hint">
        Every refusal, redaction or finding, newest first. The text of requests is never stored, only what was found.
      </p>
      {events === undefined && action.busy ? <Loading what="filtered requests" /> : null}
      {action.error === undefined ? null : (
        <ErrorNote error={action.error} retry={() => setGeneration(generation + 1)} />
      )}
      {events === undefined ? null : events.length === 0 ? (
        <Empty>No filtered requests yet.</Empty>
      ) : (
        <ol className="event-list">
          {events.map((event) => (
            <EventItem key={event.id} event={event} />
          ))}
        </ol>
      )}
      {more ? (
        <Button onClick={older} disabled={action.busy}>
          Older requests
        </Button>
      ) : null}
    </>
  );
}

function EventItem(props: { event: FilterEvent }) {
  const { event } = props;
  const words = describeResults(event.results);
  return (
    <li className="card event">
      <div className="event-head">
        <Badge tone={ACTION_TONES[event.action]}>{event.action}</Badge>
        <span>
          {event.stage} of <a href={`#/deployments/${segment(event.deployment)}`}>{event.deployment}</a> · policy{' '}
          {event.policy}
        </span>
        <time dateTime={event.at} className="hint">
          {dateTime(event.at)}
        </time>
      </div>
      {words.findings.length === 0 ? null : (
        <ul className="findings">
          {words.findings.map((finding) => (
            <li key={finding.text} className={finding.filtered ? 'finding-filtered' : undefined}>
              {finding.text}
            </li>
          ))}
        </ul>
      )}
      {words.clean === '' ? null : <p className="hint">{words.clean}</p>}
      {event.request_id === undefined ? null : (
        <p className="hint">
          Request <code className="break">{event.request_id}</code>
        </p>
      )}
    </li>
  );
}
