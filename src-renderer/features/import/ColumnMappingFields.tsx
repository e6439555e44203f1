import {
  importFieldLabels,
  importFields,
  requiredImportFields,
  type ColumnMapping,
  type ImportField,
} from '../../../src-shared/contract';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';

export const mappingFieldId = (field: ImportField) => `mapping-${field}`;

interface ColumnMappingFieldsProps {
  headers: readonly string[];
  mapping: ColumnMapping;
  /** Error messages by the select's id (see mappingFieldId). */
  errorsById: Readonly<Record<string, string>>;
  onChange: (mapping: ColumnMapping) => void;
}

/** One select per PlanWell field, listing the file's column headings. */
export function ColumnMappingFields({ headers, mapping, errorsById, onChange }: ColumnMappingFieldsProps) {
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
        <h2 className="nhsuk-fieldset__heading">Which column holds each detail?</h2>
      </legend>
      {importFields.map((field) => {
        const id = mappingFieldId(field);
        const required = requiredImportFields.includes(field);
        const error = errorsById[id];
        return (
          <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`} key={field}>
            <label className="nhsuk-label" htmlFor={id}>
              {importFieldLabels[field]}
              {required ? '' : ' (optional)'}
            </label>
            <FieldMessages id={id} error={error} />
            <select
              className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
              id={id}
              aria-describedby={describedByIds(id, undefined, error)}
              aria-invalid={error ? true : undefined}
              value={mapping[field] ?? ''}
              onChange={(event) => onChange({ ...mapping, [field]: event.target.value })}
            >
              <option value="">{required ? 'Choose a column' : 'Not in this file'}</option>
              {headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
