import { Fragment, type ReactNode } from 'react';
import type { FieldErrors, UseFormRegister, UseFormRegisterReturn } from 'react-hook-form';
import { holdingKindLabels, holdingKinds, monitoringFrequencies, type MonitoringFrequency } from '../../../src-shared/contract';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';
import { TextField } from '../../components/TextField';
import { Select } from '../people/record/form-fields';
import { fieldId, type BudgetFormValues, type HoldingChoice, type HoldingFormValues } from './budget-form';
import { errorAt } from '../../components/server-errors';

const monitoringLabels: Record<MonitoringFrequency, string> = {
  monthly: 'Every month',
  quarterly: 'Every 3 months',
  'six-monthly': 'Every 6 months',
  yearly: 'Every year',
};
const monitoringOptions = monitoringFrequencies.map((frequency) => ({ value: frequency, label: monitoringLabels[frequency] }));

const recipientOptions = [
  { value: 'person', label: 'The person' },
  { value: 'representative', label: 'Their representative' },
  { value: 'nominee', label: 'A nominee (someone they choose to manage it)' },
] as const;

interface RadioOption {
  value: string;
  label: string;
  /** Shown under the option only while it is chosen. */
  conditional?: ReactNode;
}

/**
 * NHS.UK radios whose chosen option can reveal more questions under it. The first radio has the
 * group's id, which the error summary links to.
 */
export function ConditionalRadios({ id, legend, hint, error, options, chosen, registration, size = 's' }: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: readonly RadioOption[];
  /** The value chosen now, to reveal its questions. */
  chosen: string;
  registration: UseFormRegisterReturn;
  size?: 's' | 'm';
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedByIds(id, hint, error)}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${size}`}>{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className="nhsuk-radios nhsuk-radios--conditional">
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            const open = option.conditional !== undefined && chosen === option.value;
            return (
              <Fragment key={option.value}>
                <div className="nhsuk-radios__item">
                  <input className="nhsuk-radios__input" id={optionId} type="radio" value={option.value} {...registration} />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                    {option.label}
                  </label>
                </div>
                {open ? (
                  // Asked only when it applies, right under the choice that needs it.
                  <div className="nhsuk-radios__conditional">{option.conditional}</div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

interface HoldingFieldsProps {
  /** Where the holding is in the form: a funding part's or a support item's. */
  prefix: `parts.${number}.holding` | `items.${number}.holding`;
  holding: HoldingFormValues;
  legend: string;
  register: UseFormRegister<BudgetFormValues>;
  errors: FieldErrors<BudgetFormValues>;
}

/**
 * How the money is held (NHS England's options for managing the money): notional, a third party
 * (organisation and contact) or a direct payment (agreement, who receives it, a separate bank
 * account and how often it is monitored). A support item may instead follow its funding part.
 */
export function HoldingFields({ prefix, holding, legend, register, errors }: HoldingFieldsProps) {
  const forItem = prefix.startsWith('items.');
  const path = (field: keyof HoldingFormValues) => `${prefix}.${field}` as const;
  const id = (field: keyof HoldingFormValues) => fieldId(path(field));
  const choices: HoldingChoice[] = forItem ? ['part', ...holdingKinds] : [...holdingKinds];
  const labels: Record<Exclude<HoldingChoice, ''>, string> = { part: 'The same as its funding part', ...holdingKindLabels };

  const thirdParty = (
    <>
      <TextField
        id={id('organisation')}
        label="Organisation that holds the money"
        autoComplete="organization"
        error={errorAt(errors, path('organisation'))}
        registration={register(path('organisation'))}
      />
      <TextField
        id={id('contact')}
        label="Contact at the organisation (optional)"
        hint="A name, phone number or email address"
        autoComplete="off"
        error={errorAt(errors, path('contact'))}
        registration={register(path('contact'))}
      />
    </>
  );

  const directPayment = (
    <>
      <TextField
        id={id('agreementDate')}
        type="date"
        label="Date of the direct payment agreement (optional)"
        hint="The written agreement they signed, for example 1 4 2026"
        width={10}
        error={errorAt(errors, path('agreementDate'))}
        registration={register(path('agreementDate'))}
      />
      <ConditionalRadios
        id={id('recipient')}
        legend="Who receives the money?"
        error={errorAt(errors, path('recipient'))}
        chosen={holding.recipient}
        registration={register(path('recipient'))}
        options={recipientOptions.map((option) => ({
          ...option,
          conditional:
            option.value === 'person' ? undefined : (
              <TextField
                // Only the chosen option's field is on the page, so both can have the field's id.
                id={id('recipientName')}
                label={option.value === 'representative' ? 'Name of their representative' : 'Name of the nominee'}
                autoComplete="off"
                error={errorAt(errors, path('recipientName'))}
                registration={register(path('recipientName'))}
              />
            ),
        }))}
      />
      <div className="nhsuk-form-group">
        <div className="nhsuk-checkboxes">
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id={id('separateAccountConfirmed')} type="checkbox" {...register(path('separateAccountConfirmed'))} />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id('separateAccountConfirmed')}>
              A separate bank account, used only for these payments, is confirmed
            </label>
          </div>
        </div>
      </div>
      <Select
        id={id('monitoring')}
        label="How often the payments are monitored"
        hint="At least once in the first 3 months, then at least once a year"
        options={monitoringOptions}
        error={errorAt(errors, path('monitoring'))}
        registration={register(path('monitoring'))}
      />
    </>
  );

  return (
    <ConditionalRadios
      id={id('kind')}
      legend={legend}
      error={errorAt(errors, path('kind')) ?? errorAt(errors, prefix)}
      chosen={holding.kind}
      registration={register(path('kind'))}
      options={choices.map((choice) => ({
        value: choice,
        label: choice === '' ? '' : labels[choice],
        conditional: choice === 'third-party' ? thirdParty : choice === 'direct-payment' ? directPayment : undefined,
      }))}
    />
  );
}
