import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import {
  funderLabels,
  supportCategories,
  supportCategoryLabels,
  type PlanGoal,
  type SpendingRestriction,
} from '../../../src-shared/contract';
import type { PeriodCosts } from '../../../src-shared/domain/budget-costs';
import { formatPence } from '../../../src-shared/format';
import { Checkboxes } from '../../components/Checkboxes';
import { TextField } from '../../components/TextField';
import { Radios, Select, TextArea } from '../people/record/form-fields';
import { fieldId, type BudgetFormValues, type ItemFormValues, type PartFormValues } from './budget-form';
import { errorAt } from '../../components/server-errors';
import { ConditionalRadios, HoldingFields } from './HoldingFields';
import { MoneyField } from './MoneyField';

const categoryOptions = [{ value: '', label: 'Choose the kind of support' }, ...supportCategories.map((category) => ({ value: category, label: supportCategoryLabels[category] }))];
const frequencyOptions = [
  { value: 'week', label: 'A week' },
  { value: 'month', label: 'A month' },
  { value: 'year', label: 'A year' },
];

/** "£155.00 a week (£671.67 a month, £8,060.00 a year)" or "£2,400.00, once". */
export function costSentence(costs: PeriodCosts): string {
  if (costs.oneOff > 0 && costs.year === 0) return `${formatPence(costs.oneOff)}, once`;
  return `${formatPence(costs.week)} a week (${formatPence(costs.month)} a month, ${formatPence(costs.year)} a year)`;
}

interface SupportItemFieldsProps {
  index: number;
  item: ItemFormValues;
  parts: readonly PartFormValues[];
  goals: readonly PlanGoal[];
  /** What a budget cannot buy that this item's words match. */
  matches: readonly SpendingRestriction[];
  /** What it costs, once its cost is complete. */
  costs: PeriodCosts | undefined;
  register: UseFormRegister<BudgetFormValues>;
  errors: FieldErrors<BudgetFormValues>;
  onRemove: () => void;
}

/**
 * One piece of costed support: what it is, who provides it, the goals it serves, which funding
 * part pays, how its money is held, and its cost, one-off or regular (unit cost × how many ×
 * how often). An item that matches the restricted list asks why it is right for them.
 */
export function SupportItemFields({ index, item, parts, goals, matches, costs, register, errors, onRemove }: SupportItemFieldsProps) {
  const at = `items.${index}` as const;
  const number = index + 1;
  const partOptions = [
    { value: '', label: 'Choose a funding part' },
    ...parts.map((part, partIndex) => ({ value: part.id, label: `Part ${partIndex + 1}: ${part.funder ? funderLabels[part.funder] : 'funder not chosen yet'}` })),
  ];

  const oneOff = (
    <MoneyField
      id={fieldId(`${at}.cost.amountPence`)}
      label="Cost"
      hint="For example, 2,400 or 2400.00"
      error={errorAt(errors, `${at}.cost.amountPence`)}
      registration={register(`${at}.cost.amountPence`)}
    />
  );
  const recurring = (
    <>
      <MoneyField
        id={fieldId(`${at}.cost.unitCostPence`)}
        label="Cost of one unit"
        hint="For example, 15.50 for an hour"
        error={errorAt(errors, `${at}.cost.unitCostPence`)}
        registration={register(`${at}.cost.unitCostPence`)}
      />
      <TextField
        id={fieldId(`${at}.cost.quantityHundredths`)}
        label="How many units"
        hint="For example, 10 hours. Up to 2 decimal places, like 7.5"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        width={5}
        error={errorAt(errors, `${at}.cost.quantityHundredths`)}
        registration={register(`${at}.cost.quantityHundredths`)}
      />
      <TextField
        id={fieldId(`${at}.cost.unit`)}
        label="Unit (optional)"
        hint="For example, hours, sessions or visits"
        autoComplete="off"
        width={10}
        error={errorAt(errors, `${at}.cost.unit`)}
        registration={register(`${at}.cost.unit`)}
      />
      <Radios
        id={fieldId(`${at}.cost.per`)}
        legend="How often"
        inline
        options={frequencyOptions}
        error={errorAt(errors, `${at}.cost.per`)}
        registration={register(`${at}.cost.per`)}
      />
    </>
  );

  return (
    <fieldset className="nhsuk-fieldset app-budget-item">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
        Support item {number}
        {item.description.trim() ? (
          <span className="nhsuk-caption-m">
            <span className="nhsuk-u-visually-hidden">: </span>
            {item.description}
          </span>
        ) : null}
      </legend>
      <Select id={fieldId(`${at}.category`)} label="Kind of support" options={categoryOptions} error={errorAt(errors, `${at}.category`)} registration={register(`${at}.category`)} />
      <TextField
        id={fieldId(`${at}.description`)}
        label="What the support is"
        hint="In plain words, for example Personal assistant for shopping and walks"
        autoComplete="off"
        error={errorAt(errors, `${at}.description`)}
        registration={register(`${at}.description`)}
      />
      <TextField
        id={fieldId(`${at}.provider`)}
        label="Who provides it (optional)"
        hint="A person, organisation or shop"
        autoComplete="off"
        error={errorAt(errors, `${at}.provider`)}
        registration={register(`${at}.provider`)}
      />
      {matches.length > 0 ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              This may be something a budget cannot buy
            </span>
          </h3>
          <p>
            It matches what a personal health budget cannot buy: {matches.map((match) => match.label).join('; ')}. It can stay in the budget only if you
            record why it is right for them. The plan cannot be agreed until you do.
          </p>
          <TextArea
            id={fieldId(`${at}.justification`)}
            label="Why is this right for them?"
            hint="For example, what exactly is bought and who agreed it. Needed before the plan can be agreed."
            rows={3}
            error={errorAt(errors, `${at}.justification`)}
            registration={register(`${at}.justification`)}
          />
        </div>
      ) : null}
      {goals.length > 0 ? (
        <Checkboxes
          id={fieldId(`${at}.goalIds`)}
          legend="Which goals does it serve? (optional)"
          hint="Choose any that apply"
          options={goals.map((goal) => ({ value: goal.id, label: goal.outcome }))}
          error={errorAt(errors, `${at}.goalIds`)}
          registration={register(`${at}.goalIds`)}
        />
      ) : (
        <p className="nhsuk-hint">The draft plan has no goals yet. Add them to the plan to say which goals this support serves.</p>
      )}
      <Select
        id={fieldId(`${at}.partId`)}
        label="Funding part that pays for it"
        options={partOptions}
        error={errorAt(errors, `${at}.partId`)}
        registration={register(`${at}.partId`)}
      />
      <HoldingFields prefix={`${at}.holding`} holding={item.holding} legend="How is the money for this support held?" register={register} errors={errors} />
      <ConditionalRadios
        id={fieldId(`${at}.cost.kind`)}
        legend="What does it cost?"
        error={errorAt(errors, `${at}.cost.kind`) ?? errorAt(errors, `${at}.cost`)}
        chosen={item.cost.kind}
        registration={register(`${at}.cost.kind`)}
        options={[
          { value: 'one-off', label: 'A one-off cost', conditional: oneOff },
          { value: 'recurring', label: 'A regular cost (so much a week, a month or a year)', conditional: recurring },
        ]}
      />
      {costs ? (
        <p className="app-budget-item__cost">
          <strong>
            Support item {number} costs {costSentence(costs)}.
          </strong>
        </p>
      ) : null}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onRemove}>
        Remove support item {number}
      </button>
    </fieldset>
  );
}
