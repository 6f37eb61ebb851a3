// The policy form's tables of choices: each row (a harm category, a kind of personal data) has one select for the
// prompt and one for the completion.
import { Options } from '../../components/ui';

export type Side = 'prompt' | 'completion';
export const SIDES: readonly Side[] = ['prompt', 'completion'];

/** The header row of a policy table: what the rows are, then the prompt and completion columns. */
export function SidesHead(props: { rows: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{props.rows}</th>
        <th scope="col">Prompt</th>
        <th scope="col">Completion</th>
      </tr>
    </thead>
  );
}

export function SideSelectsTable<Row extends string, Choice extends string>(props: {
  /** What the rows are, as the first column's header. */
  rowsHeader: string;
  rows: readonly Row[];
  titles: Record<Row, string>;
  /** The select's name for screen readers and tests, e.g. "Hate threshold on the prompt". */
  label: (row: Row, side: Side) => string;
  choices: readonly Choice[];
  value: (row: Row, side: Side) => Choice;
  onChange: (row: Row, side: Side, choice: Choice) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="policy-table">
        <SidesHead rows={props.rowsHeader} />
        <tbody>
          {props.rows.map((row) => (
            <tr key={row}>
              <th scope="row">{props.titles[row]}</th>
              {SIDES.map((side) => (
                <td key={side}>
                  <select
                    aria-label={props.label(row, side)}
                    value={props.value(row, side)}
                    onChange={(event) => props.onChange(row, side, event.target.value as Choice)}
                  >
                    <Options values={props.choices} />
                  </select>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
