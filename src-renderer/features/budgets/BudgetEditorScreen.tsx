import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm, type Path } from 'react-hook-form';
import { Link } from 'wouter';
import { funders, funderLabels, type Budget, type CarePlan, type SpendingRestriction } from '../../../src-shared/contract';
import { budgetAgreementProblems, budgetTotals, restrictedMatches } from '../../../src-shared/domain/budget-costs';
import type { AppErrorBody } from '../../../src-shared/result';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import type { SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { SaveStatus } from '../../components/SaveStatus';
import { applyServerError, errorAt } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Select, TextArea } from '../people/record/form-fields';
import { PersonHeader } from '../people/record/PersonHeader';
import { personName, usePersonRecord } from '../people/record/PersonRecord';
import { isStaleRecord, recordSummaryErrors } from '../people/record/record-form';
import { useCurrentDraftPlan } from '../plans/plan-draft';
import { PlanDraftPage, PlanMessage, RestoredNotice } from '../plans/plan-draft-page';
import { planHref } from '../plans/plan-view-links';
import { budgetFieldPaths, budgetFormSchema, budgetToForm, fieldId, newItem, newPart, readableBudget, type BudgetFormValues } from './budget-form';
import { BudgetComparison } from './BudgetComparison';
import { BudgetCostTables } from './BudgetCostTables';
import { HoldingFields } from './HoldingFields';
import { MoneyField } from './MoneyField';
import { SupportItemFields } from './SupportItemFields';
import './budgets.scss';

const title = 'Personal health budget';
const maxParts = 10;
const maxItems = 200;
const funderOptions = [{ value: '', label: 'Choose who funds this part' }, ...funders.map((funder) => ({ value: funder, label: funderLabels[funder] }))];

/** The draft plan's budget: planned with the plan and agreed with it. Agreed versions are never edited. */
export function BudgetEditorScreen() {
  const { person } = usePersonRecord();
  const { current, replace, reload } = useCurrentDraftPlan(person.id);
  if (current.state === 'failed') return <PlanMessage title={title} message={current.message} />;
  if (current.state === 'loading') return <PlanMessage title={title} message="Opening their draft plan…" busy />;
  if (current.state === 'none') return <NoDraft />;
  return <BudgetEditor key={current.plan.id} plan={current.plan} replacePlan={replace} findDraftAgain={reload} />;
}

function NoDraft() {
  const { person } = usePersonRecord();
  usePageTitle(`No draft plan – ${personName(person)}`);
  return (
    <Main>
      <Link className="nhsuk-back-link" href={planHref(person.id)}>
        Back to {personName(person)}&apos;s plan
      </Link>
      <PersonHeader person={person} title="There is no draft plan to add a budget to" />
      <p>A personal health budget is planned as part of a draft care and support plan, and agreed with it. An agreed plan and its budget are never changed: changes are made in a new draft.</p>
      <p>
        <Link href={planHref(person.id)}>Go to {person.givenName}&apos;s plan</Link> to start a draft or change the plan.
      </p>
    </Main>
  );
}

/** Where the main process's error paths ("budget.items.2.justification") are on this form. */
function withFormPaths(error: AppErrorBody): AppErrorBody {
  return error.issues ? { ...error, issues: error.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^budget\./, '') })) } : error;
}

/** "Support item 2: Describe the support", so the summary says which item each message is about. */
function summaryMessage(path: string, message: string): string {
  const match = /^(parts|items)\.(\d+)\./.exec(path);
  if (!match) return message;
  return `${match[1] === 'parts' ? 'Funding part' : 'Support item'} ${Number(match[2]) + 1}: ${message}`;
}

function BudgetEditor({ plan, replacePlan, findDraftAgain }: { plan: CarePlan; replacePlan: (plan: CarePlan) => void; findDraftAgain: () => Promise<void> }) {
  const { person } = usePersonRecord();
  const form = useForm<BudgetFormValues, unknown, Budget>({
    resolver: zodResolver(budgetFormSchema),
    defaultValues: budgetToForm(plan.budget),
    // Checked again only when saved: the error summary takes the focus whenever its errors change.
    reValidateMode: 'onSubmit',
  });
  const { register, control, handleSubmit, formState, setError, reset, setFocus, getValues, watch } = form;
  const { errors, isSubmitting } = formState;
  // Only what was typed after the plan was last saved is worth restoring; anything older is in it already.
  const draft = useFormDraft(personDraftKey(person.id, `budget:${plan.id}`), form, { shouldRestore: (savedAt) => savedAt > plan.updatedAt });
  const parts = useFieldArray({ control, name: 'parts' });
  const items = useFieldArray({ control, name: 'items' });
  const values = watch();
  const [restrictions, setRestrictions] = useState<SpendingRestriction[] | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);
  // Two saves in quick succession must send the row version the first one returned.
  const rowVersion = useRef(plan.rowVersion);

  useEffect(() => {
    let live = true;
    void invoke('restrictions.list', {}).then((result) => {
      if (!live) return;
      if (result.ok) setRestrictions(result.value);
      else {
        setRestrictions([]);
        setFormMessage(`The list of what a budget cannot buy could not be read: ${result.error.message}`);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  // A link from "the plan is not ready to agree" asks for one field ("budget.items.2.justification"):
  // focus it once the fields that depend on the restricted list are on the page.
  const restrictionsRead = restrictions !== null;
  useEffect(() => {
    if (!restrictionsRead) return;
    const state: unknown = window.history.state;
    const requested = state && typeof state === 'object' && 'focus' in state && typeof state.focus === 'string' ? state.focus : null;
    if (requested) document.getElementById(fieldId(requested.replace(/^budget\./, '')))?.focus();
  }, [restrictionsRead]);

  const readable = useMemo(() => readableBudget(values), [values]);
  const totals = useMemo(() => budgetTotals(readable.budget), [readable]);
  const complete = useMemo(() => budgetFormSchema.safeParse(values), [values]);
  const agreementProblems = complete.success ? budgetAgreementProblems(complete.data, restrictions ?? []) : [];
  const paths = budgetFieldPaths(values);

  const fieldErrors: SummaryError[] = paths.flatMap((path) => {
    const message = errorAt(errors, path);
    return message ? [{ fieldId: fieldId(path), message: summaryMessage(path, message) }] : [];
  });

  const save = handleSubmit(async (budget) => {
    setFormMessage(null);
    setStale(false);
    setSaved(false);
    const result = await invoke('plans.saveBudget', { planId: plan.id, rowVersion: rowVersion.current, budget });
    if (result.ok) {
      rowVersion.current = result.value.rowVersion;
      // The saved budget as PlanWell holds it ("15.5" shown back as "15.50"); the user's draft is no longer needed.
      reset(budgetToForm(result.value.budget));
      await draft.discard();
      setSaved(true);
      return;
    }
    if (isStaleRecord(result.error)) {
      setStale(true);
      setFormMessage(result.error.message);
      return;
    }
    setFormMessage(applyServerError(withFormPaths(result.error), paths as Path<BudgetFormValues>[], setError));
  });

  /** Someone else saved the plan (or agreed it): start again from theirs. */
  const reload = async () => {
    const result = await invoke('plans.get', { planId: plan.id });
    if (!result.ok) {
      setFormMessage(result.error.message);
      return;
    }
    if (result.value.status !== 'draft') {
      await draft.discard();
      await findDraftAgain();
      return;
    }
    rowVersion.current = result.value.rowVersion;
    replacePlan(result.value);
    setStale(false);
    setFormMessage(null);
    reset(budgetToForm(result.value.budget));
    await draft.discard();
    setFocus('indicativePence');
  };

  // Focus moves once the list is drawn again: to the new entry, or after a removal (the button
  // pressed is gone) to the heading of the list.
  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
  const addPart = () => {
    parts.append(newPart(), { shouldFocus: false });
    focusLater(fieldId(`parts.${parts.fields.length}.funder`));
  };
  const removePart = (index: number) => {
    parts.remove(index);
    focusLater('budget-funding');
  };
  const addItem = () => {
    const onlyPart = getValues('parts').length === 1 ? (getValues('parts.0.id') ?? '') : '';
    items.append(newItem(onlyPart), { shouldFocus: false });
    focusLater(fieldId(`items.${items.fields.length}.category`));
  };
  const removeItem = (index: number) => {
    items.remove(index);
    focusLater('budget-support');
  };

  const goals = plan.content.goals;
  return (
    <PlanDraftPage
      title={`${title} (draft plan, version ${plan.version})`}
      errors={recordSummaryErrors(fieldErrors, formMessage, stale)}
      stale={stale}
      onReload={() => void reload()}
    >
      <div className="nhsuk-grid-row app-budget-editor">
        <div className="nhsuk-grid-column-two-thirds">
          <RestoredNotice restoredAt={draft.restoredAt} />
          <p>
            The budget is part of the draft plan: agreeing the plan agrees the budget with it. Everything you type is kept for you as you go.{' '}
            <strong>Save the budget</strong> when you want the team to see it.
          </p>
          <form noValidate onSubmit={(event) => void save(event)}>
            <h2>The amount</h2>
            <MoneyField
              id="indicativePence"
              label="Indicative amount (optional)"
              hint="The amount a year they were told about at the start, for example 10,000"
              error={errorAt(errors, 'indicativePence')}
              registration={register('indicativePence')}
            />
            <TextField
              id="indicativeSetBy"
              label="Who set the indicative amount (optional)"
              hint="For example, the ICB personal health budget team"
              autoComplete="off"
              error={errorAt(errors, 'indicativeSetBy')}
              registration={register('indicativeSetBy')}
            />
            <TextArea
              id="indicativeMethod"
              label="How it was set (optional)"
              hint="For example, a resource allocation system, or costed from their support"
              rows={2}
              error={errorAt(errors, 'indicativeMethod')}
              registration={register('indicativeMethod')}
            />
            <MoneyField
              id="agreedPence"
              label="Agreed amount"
              hint="The amount a year agreed with them. Needed before the plan is agreed."
              error={errorAt(errors, 'agreedPence')}
              registration={register('agreedPence')}
            />
            <TextField
              id="periodStart"
              type="date"
              label="Start of the budget year (optional)"
              hint="Without a date, the year starts on the day the plan is agreed. For example, 1 4 2026"
              width={10}
              error={errorAt(errors, 'periodStart')}
              registration={register('periodStart')}
            />

            <h2 id="budget-funding" tabIndex={-1}>
              Funding
            </h2>
            <p>One part for each funder. An integrated budget has more than one, and each part keeps its own funder, amount and rules.</p>
            {parts.fields.map((part, index) => (
              <fieldset className="nhsuk-fieldset app-budget-item" key={part.id}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Funding part {index + 1}</legend>
                <Select
                  id={fieldId(`parts.${index}.funder`)}
                  label="Who funds this part"
                  options={funderOptions}
                  error={errorAt(errors, `parts.${index}.funder`)}
                  registration={register(`parts.${index}.funder`)}
                />
                <MoneyField
                  id={fieldId(`parts.${index}.amountPence`)}
                  label="Amount a year from this funder"
                  error={errorAt(errors, `parts.${index}.amountPence`)}
                  registration={register(`parts.${index}.amountPence`)}
                />
                <HoldingFields
                  prefix={`parts.${index}.holding`}
                  holding={values.parts[index]?.holding ?? part.holding}
                  legend="How is this part's money held?"
                  register={register}
                  errors={errors}
                />
                {parts.fields.length > 1 ? (
                  <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => removePart(index)}>
                    Remove funding part {index + 1}
                  </button>
                ) : null}
              </fieldset>
            ))}
            {parts.fields.length < maxParts ? (
              <button type="button" id="parts" className="nhsuk-button nhsuk-button--secondary" onClick={addPart}>
                Add another funding part
              </button>
            ) : (
              <p id="parts">A budget can have at most {maxParts} funding parts.</p>
            )}

            <h2 id="budget-support" tabIndex={-1}>
              Support
            </h2>
            <p>What the money pays for, each with the goals it serves and what it costs.</p>
            {items.fields.map((item, index) => {
              const typed = values.items[index] ?? item;
              return (
                <SupportItemFields
                  key={item.id}
                  index={index}
                  item={typed}
                  parts={values.parts}
                  goals={goals}
                  matches={restrictedMatches(typed, restrictions ?? [])}
                  costs={totals.byItem.get(typed.id)}
                  register={register}
                  errors={errors}
                  onRemove={() => removeItem(index)}
                />
              );
            })}
            {items.fields.length < maxItems ? (
              <button type="button" id="items" className="nhsuk-button nhsuk-button--secondary" onClick={addItem}>
                {items.fields.length === 0 ? 'Add a support item' : 'Add another support item'}
              </button>
            ) : (
              <p id="items">A budget can have at most {maxItems} support items.</p>
            )}

            <section className="app-budget-totals" aria-labelledby="budget-totals-heading">
              <h2 id="budget-totals-heading">What the support costs</h2>
              {readable.budget.items.length === 0 ? (
                <p>Add support with its cost to see the totals here.</p>
              ) : (
                <>
                  <BudgetCostTables budget={readable.budget} totals={totals} />
                  <BudgetComparison budget={readable.budget} totals={totals} />
                </>
              )}
              {readable.uncounted > 0 ? (
                <p>
                  {readable.uncounted === 1 ? '1 support item is' : `${readable.uncounted} support items are`} not counted yet: finish entering the cost.
                </p>
              ) : null}
            </section>

            {agreementProblems.length > 0 ? (
              <div className="nhsuk-inset-text">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <h2 className="nhsuk-heading-s">Before the plan can be agreed</h2>
                <ul className="nhsuk-list nhsuk-list--bullet">
                  {agreementProblems.map((problem) => {
                    const id = fieldId(problem.path.replace(/^budget\./, ''));
                    return (
                      <li key={problem.path}>
                        <a
                          href={`#${id}`}
                          onClick={(event) => {
                            // Hash links would change the route; move focus to the field instead.
                            event.preventDefault();
                            document.getElementById(id)?.focus();
                          }}
                        >
                          {problem.message}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ) : null}

            <div className="nhsuk-button-group">
              <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
                Save the budget
              </button>
              <Link className="nhsuk-link" href={planHref(person.id)}>
                Back to the plan
              </Link>
            </div>
            {saved ? (
              <Notice>
                The budget is saved with version {plan.version} of the plan. When the plan is ready,{' '}
                <Link href={planHref(person.id, '/agree')}>agree the plan</Link> to agree the budget with it.
              </Notice>
            ) : null}
            <SaveStatus status={draft.status} />
          </form>
        </div>
      </div>
    </PlanDraftPage>
  );
}
