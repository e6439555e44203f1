import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import { z } from 'zod';
import {
  referralStatuses,
  referralStatusLabels,
  socialPrescribingChannels,
  type ListOption,
  type ReferralStatus,
  type SocialPrescribingOptions,
  type StatusCode,
} from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Select } from '../people/record/form-fields';
import { useSocialPrescribingOptions } from './directory-options';
import { TableScroll } from '../../components/TableScroll';

/** The contract's own schemas, so the check digit and the rules are the ones the main process applies. */
const statusCodeSchema = socialPrescribingChannels['socialPrescribing.setStatusCode'].input;
type StatusCodeInput = z.input<typeof statusCodeSchema>;
type StatusCodeOutput = z.output<typeof statusCodeSchema>;
const statusCodeFields = ['status', 'conceptId', 'term'] as const;

const addOptionSchema = z.object({ label: socialPrescribingChannels['socialPrescribing.addOption'].input.shape.label });
type AddOptionInput = z.input<typeof addOptionSchema>;
type AddOptionOutput = z.output<typeof addOptionSchema>;

const statusOptions = referralStatuses.map((status) => ({ value: status, label: referralStatusLabels[status] }));

const lists = {
  reason: { heading: 'Reasons for referral', noun: 'reason', listName: 'referral reasons', fieldId: 'new-reason', label: 'New reason', hint: 'For example, Digital inclusion' },
  category: { heading: 'Directory categories', noun: 'category', listName: 'directory categories', fieldId: 'new-category', label: 'New category', hint: 'For example, Faith groups' },
} as const;
type ListKind = keyof typeof lists;

/** The errors each form on the page has now, for the one error summary at the top. */
type FormErrors = Record<'codes' | ListKind, SummaryError[]>;

/**
 * What social prescribing records, as data the practice keeps: the SNOMED CT concept recorded with
 * each referral status (and sent in the summary to the GP record), and the lists of referral
 * reasons and directory categories, which administrators can add to.
 */
export function SocialPrescribingSettingsScreen() {
  usePageTitle('Social prescribing settings');
  const { options, error, setOptions } = useSocialPrescribingOptions();
  const [notice, setNotice] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<FormErrors>({ codes: [], reason: [], category: [] });
  // One callback per form, kept across renders: each form reports its errors when they change.
  const reportErrors = useMemo(() => {
    const reporter = (form: keyof FormErrors) => (errors: SummaryError[]) =>
      setFormErrors((all) => (JSON.stringify(all[form]) === JSON.stringify(errors) ? all : { ...all, [form]: errors }));
    return { codes: reporter('codes'), reason: reporter('reason'), category: reporter('category') };
  }, []);

  return (
    <Main>
      <Link className="nhsuk-back-link" href="/settings">
        Back to settings
      </Link>
      {/* One summary for the page: its own problem, then each form's, in page order. */}
      <ErrorSummary errors={[...(error ? [{ message: error }] : []), ...formErrors.codes, ...formErrors.reason, ...formErrors.category]} />
      {notice ? <Notice>{notice}</Notice> : null}
      <h1>Social prescribing settings</h1>
      {options ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <StatusCodes
              codes={options.statusCodes}
              onErrors={reportErrors.codes}
              onSaved={(statusCodes, message) => {
                setOptions({ ...options, statusCodes });
                setNotice(message);
              }}
            />
            {(['reason', 'category'] as const).map((list) => (
              <OptionList
                key={list}
                list={list}
                items={list === 'reason' ? options.reasons : options.categories}
                onErrors={reportErrors[list]}
                onAdded={(next: SocialPrescribingOptions, label) => {
                  setOptions(next);
                  setNotice(`“${label}” added to the ${lists[list].listName}.`);
                }}
              />
            ))}
          </div>
        </div>
      ) : error ? null : (
        <p className="nhsuk-body" role="status">
          Loading…
        </p>
      )}
    </Main>
  );
}

function codeSentence(code: StatusCode): string {
  const status = referralStatusLabels[code.status];
  return code.conceptId ? `${status} now records ${code.conceptId} (${code.term}).` : `${status} now records no code.`;
}

function StatusCodes({ codes, onErrors, onSaved }: { codes: StatusCode[]; onErrors: (errors: SummaryError[]) => void; onSaved: (codes: StatusCode[], message: string) => void }) {
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const valuesFor = (status: ReferralStatus): StatusCodeInput => {
    const code = codes.find((c) => c.status === status);
    return { status, conceptId: code?.conceptId ?? '', term: code?.term ?? '' };
  };
  const { register, handleSubmit, formState, setError, reset } = useForm<StatusCodeInput, unknown, StatusCodeOutput>({
    resolver: zodResolver(statusCodeSchema),
    defaultValues: valuesFor('new'),
    reValidateMode: 'onSubmit',
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('socialPrescribing.setStatusCode', values);
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, statusCodeFields, setError));
      return;
    }
    const saved = result.value.find((code) => code.status === values.status);
    onSaved(result.value, saved ? codeSentence(saved) : 'Saved.');
  });

  const summary: SummaryError[] = formMessage ? [{ message: formMessage }] : [];
  for (const field of statusCodeFields) {
    const message = errors[field]?.message;
    if (message) summary.push({ fieldId: `code-${field}`, message });
  }
  const signature = JSON.stringify(summary);
  useEffect(() => {
    onErrors(JSON.parse(signature) as SummaryError[]);
  }, [signature, onErrors]);

  return (
    <>
      <h2>Codes recorded for each status</h2>
      <p>
        When a referral moves to a status, PlanWell records that status&apos;s SNOMED CT concept with the change, and lists the codes in the summary sent back to the
        GP, so they can be added to the GP record. A status with no code records none.
      </p>
      <TableScroll label="SNOMED CT codes recorded for each referral status">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">SNOMED CT codes recorded for each referral status</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">
                Status
              </th>
              <th className="nhsuk-table__header" scope="col">
                Concept ID
              </th>
              <th className="nhsuk-table__header" scope="col">
                Term
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {codes.map((code) => (
              <tr className="nhsuk-table__row" key={code.status}>
                <th className="nhsuk-table__header" scope="row">
                  {referralStatusLabels[code.status]}
                </th>
                <td className="nhsuk-table__cell">{code.conceptId ?? 'No code'}</td>
                <td className="nhsuk-table__cell">{code.conceptId ? code.term : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h3>Change a code</h3>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Select
          id="code-status"
          label="Status"
          options={statusOptions}
          error={errors.status?.message}
          registration={register('status', {
            // The fields show the chosen status's code, to change or clear.
            onChange: (event: { target: { value: string } }) => {
              const status = referralStatuses.find((s) => s === event.target.value);
              if (status) reset(valuesFor(status));
              setFormMessage(null);
            },
          })}
        />
        <TextField
          id="code-conceptId"
          label="SNOMED CT concept ID"
          hint="6 to 18 digits, as your GP system shows it. Leave it empty to record no code for this status."
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          width={20}
          error={errors.conceptId?.message}
          registration={register('conceptId')}
        />
        <TextField id="code-term" label="Term" hint="The words the code stands for, for example Social prescribing declined" autoComplete="off" error={errors.term?.message} registration={register('term')} />
        <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
          Save the code
        </button>
      </form>
    </>
  );
}

function OptionList({ list, items, onErrors, onAdded }: { list: ListKind; items: ListOption[]; onErrors: (errors: SummaryError[]) => void; onAdded: (options: SocialPrescribingOptions, label: string) => void }) {
  const words = lists[list];
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<AddOptionInput, unknown, AddOptionOutput>({
    resolver: zodResolver(addOptionSchema),
    defaultValues: { label: '' },
    reValidateMode: 'onSubmit',
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async ({ label }) => {
    setFormMessage(null);
    const result = await invoke('socialPrescribing.addOption', { list, label });
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, ['label'], setError));
      return;
    }
    reset({ label: '' });
    onAdded(result.value, label);
  });

  const summary: SummaryError[] = formMessage ? [{ message: formMessage }] : [];
  if (errors.label?.message) summary.push({ fieldId: words.fieldId, message: `${words.label}: ${errors.label.message}` });
  const signature = JSON.stringify(summary);
  useEffect(() => {
    onErrors(JSON.parse(signature) as SummaryError[]);
  }, [signature, onErrors]);

  return (
    <>
      <h2>{words.heading}</h2>
      <p>
        {list === 'reason'
          ? 'The reasons a referral can give. A reason cannot be removed once added, because referrals keep the reasons they gave.'
          : 'The categories the directory of local support is sorted into. A category cannot be removed once added, because entries keep theirs.'}
      </p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {items.map((item) => (
          <li key={item.key}>{item.label}</li>
        ))}
      </ul>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField id={words.fieldId} label={words.label} hint={words.hint} autoComplete="off" error={errors.label?.message} registration={register('label')} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={isSubmitting}>
          Add the {words.noun}
        </button>
      </form>
    </>
  );
}
