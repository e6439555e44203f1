import type { RefObject } from 'react';
import { describedByIds, FieldMessages } from './FieldMessages';

/** The NHS file upload for a CSV file, read by the screen through `inputRef` when the form is sent. */
export function CsvFileField({ id, hint, error, inputRef, onChange }: { id: string; hint: string; error: string | undefined; inputRef: RefObject<HTMLInputElement | null>; onChange: () => void }) {
  return (
    <div className={`nhsuk-form-group nhsuk-file-upload${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        Upload a CSV file
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        className="nhsuk-file-upload__input"
        id={id}
        name={id}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        ref={inputRef}
        aria-describedby={describedByIds(id, true, error)}
        aria-invalid={error ? true : undefined}
        onChange={onChange}
      />
    </div>
  );
}
