import type { SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { describedByIds, FieldMessages } from '../../../components/FieldMessages';

/*
 * NHS.UK text area, radios and select, laid out like components/TextField: label, hint and error
 * tied to the control for assistive technology, and the first control carrying the id the error
 * summary links to.
 */

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  registration: UseFormRegisterReturn;
}

export function TextArea({ id, label, hint, error, registration, rows = 4, ...props }: TextAreaProps) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        rows={rows}
        aria-describedby={describedByIds(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...props}
        {...registration}
      />
    </div>
  );
}

interface RadiosProps {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: readonly { value: string; label: string; hint?: string }[];
  registration: UseFormRegisterReturn;
  /** Short options side by side. */
  inline?: boolean;
}

export function Radios({ id, legend, hint, error, options, registration, inline }: RadiosProps) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedByIds(id, hint, error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className={`nhsuk-radios${inline ? ' nhsuk-radios--inline' : ''}`}>
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value || 'none'}`;
            return (
              <div className="nhsuk-radios__item" key={option.value}>
                <input
                  className="nhsuk-radios__input"
                  id={optionId}
                  type="radio"
                  value={option.value}
                  aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                  {...registration}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${optionId}-hint`}>
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

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  options: readonly { value: string; label: string }[];
  registration: UseFormRegisterReturn;
}

export function Select({ id, label, hint, error, options, registration, ...props }: SelectProps) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={id}
        aria-describedby={describedByIds(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...props}
        {...registration}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
