import type { InputHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';

interface MoneyFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'type'> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** Registers the field's text; the form turns it into pence (src-shared/domain/money-text.ts), never a float. */
  registration: UseFormRegisterReturn;
}

/**
 * An amount of money: the NHS.UK input with a "£" prefix. The prefix is hidden from screen readers
 * (as NHS.UK does), so the label says "in pounds" to them instead.
 */
export function MoneyField({ id, label, hint, error, registration, ...inputProps }: MoneyFieldProps) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
        <span className="nhsuk-u-visually-hidden">, in pounds</span>
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="nhsuk-input-wrapper">
        <div className="nhsuk-input-wrapper__prefix" aria-hidden="true">
          £
        </div>
        <input
          className={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`}
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={describedByIds(id, hint, error)}
          aria-invalid={error ? true : undefined}
          {...inputProps}
          {...registration}
        />
      </div>
    </div>
  );
}
