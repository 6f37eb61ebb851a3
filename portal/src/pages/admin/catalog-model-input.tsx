import { useApi } from '../../auth/session-context';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';

/**
 * A model id for a quota or a price: typed freely, with the catalog's ids suggested through the datalist `list`
 * (which other inputs on the page may name too).
 */
export function CatalogModelInput(props: {
  id: string;
  describedBy?: string | undefined;
  list: string;
  value: string;
  onChange: (model: string) => void;
}) {
  const api = useApi();
  const models = useLoad(
    (signal) =>
      api<ListAnswer<{ id: string }>>('/admin/catalog/models', { signal }).then((answer) =>
        answer.data.map((card) => card.id),
      ),
    [],
  );
  return (
    <>
      <input
        id={props.id}
        aria-describedby={props.describedBy}
        list={props.list}
        required
        autoComplete="off"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <datalist id={props.list}>
        {(models.data ?? []).map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
    </>
  );
}
