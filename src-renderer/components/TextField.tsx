import type { InputHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { describedByIds, FieldMessages } from './FieldMessages';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  registration: UseFormRegisterReturn;
  /** NHS.UK fixed widths: 2, 3, 4, 5, 10, 20 or 30 characters. */
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  /** Shows the label as the page heading (one-question pages). */
  labelSize?: 's' | 'm' | 'l';
}

/** One NHS.UK text input with its label, hint and error message tied together for assistive technology. */
export function TextField({ id, label, hint, error, registration, width, labelSize, ...inputProps }: TextFieldProps) {
  const describedBy = describedByIds(id, hint, error);
  const inputClasses = ['nhsuk-input', width ? `nhsuk-input--width-${width}` : null, error ? 'nhsuk-input--error' : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className={`nhsuk-label${labelSize ? ` nhsuk-label--${labelSize}` : ''}`} htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        className={inputClasses}
        id={id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...inputProps}
        {...registration}
      />
    </div>
  );
}
