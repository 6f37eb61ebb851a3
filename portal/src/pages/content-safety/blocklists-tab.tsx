import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/session-context';
import { dateTime } from '../../components/format';
import { Badge, Button, Empty, ErrorNote, Field } from '../../components/ui';
import { segment } from '../admin/admin-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from '../admin/use-action';
import type { Blocklist, BlocklistItem, Policy } from './safety-types';

/** The project's lists of terms and regular expressions, refused wherever they appear. */
export function BlocklistsTab(props: {
  project: string;
  blocklists: readonly Blocklist[];
  policies: readonly Policy[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const api = useApi();
  const [removing, setRemoving] = useState<Blocklist | null>(null);
  const namedBy = (list: Blocklist) =>
    props.policies
      .filter(
        (policy) => policy.prompt.blocklists.includes(list.name) || policy.completion.blocklists.includes(list.name),
      )
      .map((policy) => policy.name);
  return (
    <>
      {props.canEdit ? <CreateBlocklist project={props.project} onCreated={props.onChanged} /> : null}
      {props.blocklists.length === 0 ? (
        <Empty>No blocklists yet.{props.canEdit ? ' Create one above, then name it in a policy.' : ''}</Empty>
      ) : null}
      {props.blocklists.map((list) => (
        <BlocklistCard
          key={list.name}
          project={props.project}
          list={list}
          namedBy={namedBy(list)}
          canEdit={props.canEdit}
          onChanged={props.onChanged}
          onRemove={() => setRemoving(list)}
        />
      ))}
      {removing === null ? null : (
        <ConfirmDialog
          danger
          title="Delete blocklist"
          confirmLabel="Delete"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api(`/admin/projects/${segment(props.project)}/blocklists/${segment(removing.name)}`, {
              method: 'DELETE',
            });
            setRemoving(null);
            props.onChanged();
          }}
        >
          <p>
            Delete the blocklist <strong>{removing.name}</strong> with its {removing.items.length} items? Hangar refuses
            while a policy names it.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** PUT replaces the whole list: every change sends the items as they should be. */
function putBlocklist(
  api: ReturnType<typeof useApi>,
  project: string,
  name: string,
  description: string,
  items: readonly BlocklistItem[],
) {
  return api<Blocklist>(`/admin/projects/${segment(project)}/blocklists/${segment(name)}`, {
    method: 'PUT',
    body: { description, items },
  });
}

function CreateBlocklist(props: { project: string; onCreated: () => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await putBlocklist(api, props.project, name.trim(), description.trim(), []);
      setName('');
      setDescription('');
      props.onCreated();
    });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Create a blocklist">
      <h2 className="card-title">Create a blocklist</h2>
      <div className="row">
        <Field label="Blocklist name">
          {(id) => (
            <input id={id} required autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
        <Field label="Blocklist description">
          {(id) => (
            <input
              id={id}
              maxLength={1024}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        <div className="field">
          <Button type="submit" variant="primary" disabled={action.busy || name.trim() === ''}>
            Create blocklist
          </Button>
        </div>
      </div>
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
    </form>
  );
}

function BlocklistCard(props: {
  project: string;
  list: Blocklist;
  namedBy: string[];
  canEdit: boolean;
  onChanged: () => void;
  onRemove: () => void;
}) {
  const api = useApi();
  const { list } = props;
  const [pattern, setPattern] = useState('');
  const [regex, setRegex] = useState(false);
  const [description, setDescription] = useState(list.description);
  const action = useAction();

  const save = (items: readonly BlocklistItem[], after?: () => void) =>
    void action.run(async () => {
      await putBlocklist(api, props.project, list.name, description.trim(), items);
      after?.();
      props.onChanged();
    });

  const add = (event: FormEvent) => {
    event.preventDefault();
    save([...list.items, { pattern, regex }], () => {
      setPattern('');
      setRegex(false);
    });
  };

  const headingId = `blocklist-${list.name}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <header className="policy-head">
        <h3 id={headingId}>{list.name}</h3>
        <Badge>{list.items.length === 1 ? '1 item' : `${list.items.length} items`}</Badge>
        <span className="hint">
          {props.namedBy.length === 0 ? 'no policy names it' : `named by ${props.namedBy.join(', ')}`} · updated{' '}
          {dateTime(list.updated_at)}
        </span>
      </header>
      {props.canEdit ? (
        <div className="row">
          <Field label={`Description of ${list.name}`}>
            {(id) => (
              <input
                id={id}
                className="wide"
                maxLength={1024}
                value={description}
                onChange={(event) => setDescription(event.target.value)}
              />
            )}
          </Field>
          {description.trim() === list.description ? null : (
            <div className="field">
              <Button disabled={action.busy} onClick={() => save(list.items)}>
                Save description
              </Button>
            </div>
          )}
        </div>
      ) : list.description === '' ? null : (
        <p>{list.description}</p>
      )}
      {list.items.length === 0 ? (
        <p className="hint">No items yet.</p>
      ) : (
        <ul className="blocklist-items">
          {list.items.map((item, index) => (
            <li key={`${item.regex ? 'r' : 't'}:${item.pattern}:${index}`}>
              <code className="break">{item.pattern}</code> <Badge>{item.regex ? 'regex' : 'term'}</Badge>
              {props.canEdit ? (
                <Button
                  disabled={action.busy}
                  aria-label={`Remove ${item.regex ? 'regex' : 'term'} ${item.pattern} from ${list.name}`}
                  onClick={() => save(list.items.filter((_, at) => at !== index))}
                >
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.canEdit ? (
        <form className="row" onSubmit={add} aria-label={`Add an item to ${list.name}`}>
          <Field
            label={`New item for ${list.name}`}
            hint="A term matches whole words and phrases, whatever the case, accents or look-alike letters; a regular expression matches the raw text, ignoring case."
          >
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                required
                maxLength={200}
                spellCheck={false}
                autoComplete="off"
                value={pattern}
                onChange={(event) => setPattern(event.target.value)}
              />
            )}
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={regex} onChange={(event) => setRegex(event.target.checked)} /> Regular
            expression
          </label>
          <div className="field">
            <Button type="submit" variant="primary" disabled={action.busy || pattern.trim() === ''}>
              Add item
            </Button>
          </div>
        </form>
      ) : null}
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
      {props.canEdit ? (
        <div className="button-row">
          <Button variant="danger" onClick={props.onRemove} aria-label={`Delete blocklist ${list.name}`}>
            Delete blocklist
          </Button>
        </div>
      ) : null}
    </section>
  );
}
