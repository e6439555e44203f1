import type { UseFormRegisterReturn } from 'react-hook-form';
import { describedByIds, FieldMessages } from './FieldMessages';

interface CheckboxesProps {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: { value: string; label: string; hint?: string }[];
  registration: UseFormRegisterReturn;
}

/** NHS.UK checkboxes in a fieldset; the first box carries the id the error summary links to. */
export function Checkboxes({ id, legend, hint, error, options, registration }: CheckboxesProps) {
  const describedBy = describedByIds(id, hint, error);
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className="nhsuk-checkboxes">
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div className="nhsuk-checkboxes__item" key={option.value}>
                <input className="nhsuk-checkboxes__input" id={optionId} type="checkbox" value={option.value} aria-describedby={option.hint ? `${optionId}-hint` : undefined} {...registration} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={optionId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${optionId}-hint`}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
