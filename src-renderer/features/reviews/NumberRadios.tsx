import type { ReactNode, Ref } from 'react';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';

interface NumberRadiosProps {
  /** The first option's id, which the error summary links to. */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: string | undefined;
  error?: string | undefined;
  options: readonly { value: number | null; label: ReactNode }[];
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  onBlur: () => void;
  /** The field's ref, on the first option, for focusing the field from its error. */
  inputRef: Ref<HTMLInputElement>;
  /** Side by side (the default), or laid out by `className`. */
  inline?: boolean;
  /** Extra classes for the group of options (small, a scale, a grid). */
  className?: string;
}

/**
 * NHS.UK radios whose answers are numbers (a 0–10 scale, a 1–5 response, goal attainment −2 to
 * +2), laid out like components/form-fields Radios. They are controlled, as radios registered
 * with react-hook-form would give the number as text.
 */
export function NumberRadios({ id, name, legend, hint, error, options, value, onChange, onBlur, inputRef, inline = true, className = '' }: NumberRadiosProps) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedByIds(id, hint, error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className={['nhsuk-radios', inline ? 'nhsuk-radios--inline' : '', className].filter(Boolean).join(' ')}>
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value === null ? 'none' : option.value}`;
            return (
              <div className="nhsuk-radios__item" key={String(option.value)}>
                <input
                  className="nhsuk-radios__input"
                  id={optionId}
                  type="radio"
                  name={name}
                  value={String(option.value)}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                  onBlur={onBlur}
                  ref={index === 0 ? inputRef : undefined}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
