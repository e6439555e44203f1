import { optionalColumns, type OptionalColumnId } from './columns';

/** Show or hide the caseload's optional columns; the choice is kept for the member of staff. */
export function ColumnChooser({ visible, onChange }: { visible: readonly OptionalColumnId[]; onChange: (visible: OptionalColumnId[]) => void }) {
  return (
    <details className="nhsuk-details app-caseload-columns">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Choose columns</span>
      </summary>
      <div className="nhsuk-details__text">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Columns to show</legend>
          <div className="nhsuk-checkboxes">
            {optionalColumns.map((column) => (
              <div className="nhsuk-checkboxes__item" key={column.id}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={`caseload-column-${column.id}`}
                  type="checkbox"
                  checked={visible.includes(column.id)}
                  onChange={(event) =>
                    onChange(optionalColumns.map((c) => c.id).filter((id) => (id === column.id ? event.target.checked : visible.includes(id))))
                  }
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`caseload-column-${column.id}`}>
                  {column.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
    </details>
  );
}
