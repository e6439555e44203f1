import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { get, useForm } from 'react-hook-form';
import { Link } from 'wouter';
import { z } from 'zod';
import { restrictionSchema, type SpendingRestriction } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { columnHelper, DataTable } from '../../components/DataTable';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, errorAt } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { TextArea } from '../people/record/form-fields';
import '../budgets/budgets.scss';

/**
 * The form holds the words as typed, one a line; the contract's own schema checks them once
 * split, so the rules (and their words) are the ones the main process applies.
 */
const restrictionFormSchema = z
  .object({
    label: z.string(),
    keywords: z.string().transform((text) => text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '')),
  })
  .pipe(restrictionSchema);
type RestrictionFormInput = z.input<typeof restrictionFormSchema>;
type RestrictionFormOutput = z.output<typeof restrictionFormSchema>;
const fields = ['label', 'keywords'] as const;
const emptyRestriction: RestrictionFormInput = { label: '', keywords: '' };

/** A problem with the words: about the list as a whole, or about the first word that is wrong. */
function keywordsError(errors: object, typed: string): string | undefined {
  const whole = errorAt(errors, 'keywords');
  if (whole) return whole;
  const words = typed.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const list: unknown = get(errors, 'keywords');
  if (!Array.isArray(list)) return undefined;
  for (let index = 0; index < list.length; index++) {
    const message = errorAt(errors, `keywords.${index}`);
    if (message) return words[index] ? `“${words[index]}”: ${message}` : message;
  }
  return undefined;
}

interface RestrictionRow {
  restriction: SpendingRestriction;
  busy: boolean;
  toggle: () => void;
}

const column = columnHelper<RestrictionRow>();
const columns = column.columns([
  column.accessor((row) => row.restriction.label, { id: 'label', header: 'What a budget cannot buy' }),
  column.accessor((row) => row.restriction.keywords.join(', '), { id: 'keywords', header: 'Words that flag it' }),
  column.accessor((row) => row.restriction.active, {
    id: 'active',
    header: 'Status',
    cell: (info) => (
      <strong className={`nhsuk-tag app-budget-nowrap ${info.getValue() ? 'nhsuk-tag--green' : 'nhsuk-tag--grey'}`}>{info.getValue() ? 'In use' : 'Turned off'}</strong>
    ),
  }),
  column.display({
    id: 'change',
    header: 'Change',
    cell: ({ row }) => {
      const { restriction, busy, toggle } = row.original;
      return (
        // Not disabled while busy: a disabled button loses the keyboard focus.
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0 app-budget-nowrap" aria-disabled={busy || undefined} onClick={busy ? undefined : toggle}>
          {restriction.active ? 'Turn off' : 'Turn on'}
          <span className="nhsuk-u-visually-hidden"> {restriction.label}</span>
        </button>
      );
    },
  }),
]);

/**
 * What a personal health budget cannot buy (NHS England guidance), as data the practice keeps: a
 * support item whose words match one is flagged, and cannot be agreed without a recorded reason.
 */
export function RestrictionsScreen() {
  usePageTitle('What a budget cannot buy');
  const [restrictions, setRestrictions] = useState<SpendingRestriction[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [changing, setChanging] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<SummaryError[]>([]);

  useEffect(() => {
    let live = true;
    void invoke('restrictions.list', {}).then((result) => {
      if (!live) return;
      if (result.ok) setRestrictions(result.value);
      else setMessage(result.error.message);
    });
    return () => {
      live = false;
    };
  }, []);

  const toggle = useCallback(async (restriction: SpendingRestriction) => {
    setMessage(null);
    setNotice(null);
    setChanging(restriction.code);
    const result = await invoke('restrictions.save', { code: restriction.code, label: restriction.label, keywords: restriction.keywords, active: !restriction.active });
    setChanging(null);
    if (!result.ok) {
      setMessage(result.error.message);
      return;
    }
    setRestrictions(result.value);
    setNotice(
      restriction.active
        ? `“${restriction.label}” is turned off: support items are no longer flagged for it.`
        : `“${restriction.label}” is turned on: support items that match it are flagged again.`,
    );
  }, []);

  const rows = useMemo<RestrictionRow[]>(
    () => (restrictions ?? []).map((restriction) => ({ restriction, busy: changing === restriction.code, toggle: () => void toggle(restriction) })),
    [restrictions, changing, toggle],
  );

  return (
    <Main>
      <Link className="nhsuk-back-link" href="/settings">
        Back to settings
      </Link>
      {/* One summary for the page: the list's problems, then the form's. */}
      <ErrorSummary errors={[...(message ? [{ message }] : []), ...formErrors]} />
      {notice ? <Notice>{notice}</Notice> : null}
      <h1>What a budget cannot buy</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p>
            A personal health budget cannot buy some things, such as alcohol, tobacco, gambling or services the NHS already provides. When a support item&apos;s
            description or provider contains one of the words below, PlanWell flags it. A flagged item can stay in a budget only with a recorded reason why it is
            right for the person, and the plan cannot be agreed until there is one.
          </p>
        </div>
      </div>
      {restrictions ? <DataTable columns={columns} data={rows} caption="What a budget cannot buy, and the words that flag it" rowId={(row) => row.restriction.code} /> : message ? null : <p role="status">Loading…</p>}
      <AddRestrictionForm
        onErrors={setFormErrors}
        onAdded={(list, label) => {
          setRestrictions(list);
          setMessage(null);
          setNotice(`“${label}” added. Support items that match it are flagged from now on.`);
        }}
      />
    </Main>
  );
}

function AddRestrictionForm({ onAdded, onErrors }: { onAdded: (list: SpendingRestriction[], label: string) => void; onErrors: (errors: SummaryError[]) => void }) {
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset, watch } = useForm<RestrictionFormInput, unknown, RestrictionFormOutput>({
    resolver: zodResolver(restrictionFormSchema),
    defaultValues: emptyRestriction,
    // Checked again only when sent: the error summary takes the focus whenever its errors change.
    reValidateMode: 'onSubmit',
  });
  const { errors, isSubmitting } = formState;
  const labelError = errorAt(errors, 'label');
  const wordsError = keywordsError(errors, watch('keywords'));

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('restrictions.save', values);
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    reset(emptyRestriction);
    onAdded(result.value, values.label);
  });

  const summary: SummaryError[] = [];
  if (formMessage) summary.push({ message: formMessage });
  if (labelError) summary.push({ fieldId: 'label', message: labelError });
  if (wordsError) summary.push({ fieldId: 'keywords', message: wordsError });
  const signature = JSON.stringify(summary);
  useEffect(() => {
    onErrors(JSON.parse(signature) as SummaryError[]);
  }, [signature, onErrors]);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h2>Add something a budget cannot buy</h2>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <TextField id="label" label="What cannot be bought" hint="For example, Holidays abroad" autoComplete="off" error={labelError} registration={register('label')} />
          <TextArea
            id="keywords"
            label="Words that flag it"
            hint="One word or phrase on each line, for example flights. A support item is flagged when its description or provider contains one of them."
            rows={4}
            error={wordsError}
            registration={register('keywords')}
          />
          <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
            Add it to the list
          </button>
        </form>
      </div>
    </div>
  );
}
