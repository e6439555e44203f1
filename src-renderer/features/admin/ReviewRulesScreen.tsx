import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { Link } from 'wouter';
import { z } from 'zod';
import { reviewRuleSchema } from '../../../src-shared/contract';
import { reviewRuleKeys, reviewRuleLabels, type ReviewRule, type ReviewRuleKey } from '../../../src-shared/domain/review-due';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { columnHelper, DataTable } from '../../components/DataTable';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { describedByIds, FieldMessages, Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { errorAt } from '../../components/server-errors';
import '../reviews/reviews.scss';

/** The four rules as one form; each row is checked by the contract's schema and saved on its own. */
const rulesFormSchema = z.object({ rules: z.array(reviewRuleSchema) });
type RulesFormInput = z.input<typeof rulesFormSchema>;
type RulesFormOutput = z.output<typeof rulesFormSchema>;
const monthFields = ['firstMonths', 'thenMonths'] as const;
type MonthField = (typeof monthFields)[number];

const fieldId = (key: ReviewRuleKey, field: MonthField) => `rule-${key}-${field}`;

const monthLabels: Record<MonthField, (rule: string) => string> = {
  firstMonths: (rule) => `${rule}: first review within how many months of the plan being agreed`,
  thenMonths: (rule) => `${rule}: then a review every how many months`,
};

interface RuleRow {
  rule: ReviewRule;
  registration: Record<MonthField, UseFormRegisterReturn>;
  errors: Record<MonthField, string | undefined>;
  busy: boolean;
  save: () => void;
}

/** One rule's number of months, with its (visually hidden) label and its error by the field. */
function MonthsInput({ row, field }: { row: RuleRow; field: MonthField }) {
  const id = fieldId(row.rule.key, field);
  const error = row.errors[field];
  const label = monthLabels[field](reviewRuleLabels[row.rule.key]);
  return (
    <div className={`nhsuk-form-group nhsuk-u-margin-bottom-0${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} error={error} />
      <input
        className={`nhsuk-input nhsuk-input--width-3${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={24}
        aria-describedby={describedByIds(id, undefined, error)}
        aria-invalid={error ? true : undefined}
        // Enter saves this rule, not the first on the page.
        onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            row.save();
          }
        }}
        {...row.registration[field]}
      />
    </div>
  );
}

const column = columnHelper<RuleRow>();
const columns = column.columns([
  column.accessor((row) => reviewRuleLabels[row.rule.key], { id: 'rule', header: 'How the money is held' }),
  column.display({ id: 'firstMonths', header: 'First review within (months of agreement)', cell: ({ row }) => <MonthsInput row={row.original} field="firstMonths" /> }),
  column.display({ id: 'thenMonths', header: 'Then every (months)', cell: ({ row }) => <MonthsInput row={row.original} field="thenMonths" /> }),
  column.display({
    id: 'save',
    header: 'Save',
    cell: ({ row }) => (
      // Not disabled while busy: a disabled button loses the keyboard focus.
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
        aria-disabled={row.original.busy || undefined}
        onClick={row.original.busy ? undefined : row.original.save}
      >
        Save<span className="nhsuk-u-visually-hidden"> the rule for {reviewRuleLabels[row.original.rule.key].toLowerCase()}</span>
      </button>
    ),
  }),
]);

/** In the order the rules are named everywhere: direct payment first, a plan without a budget last. */
function inOrder(rules: readonly ReviewRule[]): ReviewRule[] {
  return [...rules].sort((a, b) => reviewRuleKeys.indexOf(a.key) - reviewRuleKeys.indexOf(b.key));
}

function ruleSentence(rule: ReviewRule): string {
  return `${reviewRuleLabels[rule.key]}: the first review within ${rule.firstMonths} ${rule.firstMonths === 1 ? 'month' : 'months'} of the plan being agreed, then every ${rule.thenMonths} ${rule.thenMonths === 1 ? 'month' : 'months'}.`;
}

/**
 * When reviews fall due, as data the practice keeps: for each way of holding the money, and for
 * plans without a budget, the first review's interval after agreement and the interval after each
 * review. Workers can bring a review forward, but not past these limits without a recorded reason.
 */
export function ReviewRulesScreen() {
  usePageTitle('When reviews fall due');
  const [rules, setRules] = useState<ReviewRule[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState<ReviewRuleKey | null>(null);
  const { register, reset, trigger, getValues, setError, formState } = useForm<RulesFormInput, unknown, RulesFormOutput>({
    resolver: zodResolver(rulesFormSchema),
    defaultValues: { rules: [] },
  });
  const { errors } = formState;

  useEffect(() => {
    let live = true;
    void invoke('reviews.rules', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        const rules = inOrder(result.value);
        setRules(rules);
        reset({ rules });
      } else {
        setMessage(result.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [reset]);

  const save = async (index: number, key: ReviewRuleKey) => {
    setMessage(null);
    setNotice(null);
    const paths = monthFields.map((field) => `rules.${index}.${field}` as const);
    if (!(await trigger(paths, { shouldFocus: true }))) return;
    const parsed = reviewRuleSchema.safeParse(getValues(`rules.${index}`));
    if (!parsed.success) return;
    setSaving(key);
    const result = await invoke('reviews.setRule', parsed.data);
    setSaving(null);
    if (!result.ok) {
      let placed = false;
      for (const issue of result.error.issues ?? []) {
        const field = monthFields.find((f) => f === issue.path);
        if (field) {
          setError(`rules.${index}.${field}`, { type: 'server', message: issue.message }, { shouldFocus: !placed });
          placed = true;
        }
      }
      if (!placed) setMessage(result.error.message);
      return;
    }
    setRules(inOrder(result.value));
    const saved = result.value.find((rule) => rule.key === key);
    if (saved) setNotice(`Saved. ${ruleSentence(saved)} This applies to reviews worked out from now on.`);
  };

  const rows: RuleRow[] = (rules ?? []).map((rule, index) => ({
    rule,
    registration: {
      firstMonths: register(`rules.${index}.firstMonths`, { valueAsNumber: true }),
      thenMonths: register(`rules.${index}.thenMonths`, { valueAsNumber: true }),
    },
    errors: {
      firstMonths: errorAt(errors, `rules.${index}.firstMonths`),
      thenMonths: errorAt(errors, `rules.${index}.thenMonths`),
    },
    busy: saving === rule.key,
    save: () => void save(index, rule.key),
  }));

  const summary: SummaryError[] = message ? [{ message }] : [];
  for (const row of rows) {
    for (const field of monthFields) {
      const error = row.errors[field];
      if (error) summary.push({ fieldId: fieldId(row.rule.key, field), message: `${reviewRuleLabels[row.rule.key]}: ${error}` });
    }
  }

  return (
    <Main>
      <Link className="nhsuk-back-link" href="/settings">
        Back to settings
      </Link>
      <ErrorSummary errors={summary} />
      {notice ? <Notice>{notice}</Notice> : null}
      <h1>When reviews fall due</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p>
            Plans and budgets are reviewed at least as often as these rules say. The next review date is worked out when a plan is agreed and after each
            review, from the rule for how the money is held. A plan held more than one way follows the strictest rule.
          </p>
          <p>
            Workers can bring a review forward at any time, for example when health changes a lot. Setting one later than the rule allows needs a
            recorded reason.
          </p>
        </div>
      </div>
      {rules ? (
        <div className="app-review-rules">
          <DataTable columns={columns} data={rows} caption="Review rules, in months" rowId={(row) => row.rule.key} />
        </div>
      ) : message ? null : (
        <p className="nhsuk-body" role="status">
          Loading…
        </p>
      )}
    </Main>
  );
}
