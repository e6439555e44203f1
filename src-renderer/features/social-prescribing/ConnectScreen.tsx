import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import {
  accessibilityFeatureLabels,
  accessibilityFeatures,
  connectionKindLabels,
  connectionKinds,
  connectionSchema,
  referralStatusLabels,
  type AccessibilityFeature,
  type ConnectionInput,
  type DirectoryEntry,
  type DirectorySearchInput,
  type ListOption,
  type Referral,
} from '../../../src-shared/contract';
import { referralIsOpen } from '../../../src-shared/domain/referral-status';
import { invoke } from '../../api/client';
import { useCan } from '../../app/app-state';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import { Checkboxes } from '../../components/Checkboxes';
import type { SummaryError } from '../../components/ErrorSummary';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';
import { SaveOrCancel } from '../../components/SaveOrCancel';
import { RestoredDraftNotice, SaveStatus } from '../../components/SaveStatus';
import { applyServerError, errorAt, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios, Select, TextArea } from '../people/record/form-fields';
import { usePersonRecord } from '../people/record/PersonRecord';
import type { PlanNoticeState } from '../plans/plan-view-links';
import { today } from '../reviews/review-words';
import { Loading, ReferralPage, useReferral } from './referral-parts';
import { useSocialPrescribingOptions } from './directory-options';
import { accessibilityOptions, StaleTag, staleExplanation } from './directory-words';
import { referralHref, referralTitle } from './referral-words';

type ConnectionOutput = z.output<typeof connectionSchema>;

const title = 'Connect to support';
const searchLimit = 100;
const fields = ['entryId', 'kind', 'connectedOn', 'note'] as const;
const kindOptions = connectionKinds.map((kind) => ({ value: kind, label: connectionKindLabels[kind] }));

interface SearchValues {
  words: string;
  category: string;
  accessibility: string[];
}

function searchInput(values: SearchValues): DirectorySearchInput {
  return {
    words: values.words,
    ...(values.category ? { category: values.category } : {}),
    accessibility: values.accessibility.filter((value): value is AccessibilityFeature => accessibilityFeatures.some((feature) => feature === value)),
    limit: searchLimit,
  };
}

/** The person is connected to an entry from the directory of local support, signposted or referred. */
export function ConnectScreen({ referralId }: { referralId: string }) {
  const { person } = usePersonRecord();
  const { referral, error } = useReferral(person.id, referralId);
  const { options, error: optionsError } = useSocialPrescribingOptions();
  const back = { href: referralHref(person.id, referralId), text: 'Back to the referral' };
  const problems = [error, optionsError].flatMap((message) => (message ? [{ message }] : []));
  if (!referral || !options) {
    return (
      <ReferralPage title={title} back={back} errors={problems}>
        {problems.length > 0 ? null : <Loading what="Opening the directory…" />}
      </ReferralPage>
    );
  }
  if (!referralIsOpen(referral.status)) {
    return (
      <ReferralPage title={title} back={back}>
        <p>This referral is {referralStatusLabels[referral.status].toLowerCase()}: it is finished. Record a new referral to connect them to more support.</p>
      </ReferralPage>
    );
  }
  return <Connect referral={referral} categories={options.categories} back={back} />;
}

function Connect({ referral, categories, back }: { referral: Referral; categories: ListOption[]; back: { href: string; text: string } }) {
  const { person } = usePersonRecord();
  const canWrite = useCan()('people:write');
  const [, navigate] = useLocation();
  const [results, setResults] = useState<{ entries: DirectoryEntry[]; total: number } | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  /** Each search is numbered: an answer to an older one is dropped. */
  const searchNumber = useRef(0);

  const search = useForm<SearchValues>({ defaultValues: { words: '', category: '', accessibility: [] } });
  const form = useForm<ConnectionInput, unknown, ConnectionOutput>({
    resolver: zodResolver(connectionSchema),
    defaultValues: { referralId: referral.id, connectedOn: today(), note: '' },
    reValidateMode: 'onSubmit',
  });
  const { register, handleSubmit, setError, formState, getValues, setValue } = form;
  const { errors, isSubmitting } = formState;
  // The entry chosen belongs to the results on screen; a kept one might not be among them.
  const draft = useFormDraft(personDraftKey(person.id, `referral-${referral.id}-connect`), form, { notRestored: ['referralId', 'entryId'] });

  const runSearch = useCallback(
    async (values: SearchValues) => {
      const asked = ++searchNumber.current;
      setSearching(true);
      setSearchError(null);
      const result = await invoke('directory.search', searchInput(values));
      if (asked !== searchNumber.current) return;
      setSearching(false);
      if (!result.ok) {
        setSearchError(result.error.message);
        return;
      }
      setResults({ entries: result.value.entries, total: result.value.total });
      // A choice no longer among the results is not sent by mistake.
      const chosen = getValues('entryId');
      if (chosen && !result.value.entries.some((entry) => entry.id === chosen)) setValue('entryId', '');
    },
    [getValues, setValue],
  );

  useEffect(() => {
    void runSearch({ words: '', category: '', accessibility: [] });
  }, [runSearch]);

  const summary: SummaryError[] = [...(searchError ? [{ message: searchError }] : []), ...summaryErrors(errors, fields, formMessage)];

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('connections.create', values);
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    await draft.discard();
    const state: PlanNoticeState = { notice: `Connected to ${result.value.entryName}.` };
    navigate(referralHref(person.id, referral.id), { state });
  });

  const entries = results?.entries ?? [];
  return (
    <ReferralPage title={title} back={back} errors={summary}>
      <p className="nhsuk-body-l">{referralTitle(referral)}</p>
      <RestoredDraftNotice restoredAt={draft.restoredAt} />

      <h2>Find support</h2>
      <form role="search" aria-label="Search the directory" noValidate onSubmit={(event) => void search.handleSubmit(runSearch)(event)}>
        <div className="app-referral-filters">
          <TextField id="search-words" label="Search words" hint="For example, walking, gardening or the name of a group" width={20} autoComplete="off" registration={search.register('words')} />
          <Select
            id="search-category"
            label="Type of support"
            options={[{ value: '', label: 'Any type' }, ...categories.map((category) => ({ value: category.key, label: category.label }))]}
            registration={search.register('category')}
          />
        </div>
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Accessibility they need</span>
          </summary>
          <div className="nhsuk-details__text">
            <Checkboxes id="search-accessibility" legend="Show only support with all of these" options={accessibilityOptions} registration={search.register('accessibility')} />
          </div>
        </details>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Search
        </button>
      </form>
      {canWrite ? (
        <p>
          Not listed? <Link href="~/directory/new?">Add it to the directory</Link>, then come back to connect them.
        </p>
      ) : null}

      <h2>Choose the support</h2>
      <p className="nhsuk-body" role="status">
        {searching
          ? 'Searching…'
          : !results
            ? ''
            : results.total === 0
              ? 'Nothing in the directory matches. Try fewer words, or another type of support.'
              : results.total > entries.length
                ? `Showing the first ${entries.length.toLocaleString('en-GB')} of ${results.total.toLocaleString('en-GB')} entries. Add words or choose a type to narrow the search.`
                : `${results.total.toLocaleString('en-GB')} ${results.total === 1 ? 'entry' : 'entries'} found.`}
      </p>
      {!results && !searchError ? <Loading what="Loading the directory…" /> : null}
      {entries.length > 0 ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <form noValidate onSubmit={(event) => void submit(event)} aria-label="Connect them to the support chosen">
              <EntryRadios entries={entries} error={errorAt(errors, 'entryId')} registration={register('entryId')} />
              <Radios id="kind" legend="How are you connecting them?" error={errorAt(errors, 'kind')} options={kindOptions} registration={register('kind')} />
              <TextField id="connectedOn" type="date" width={10} label="Date" hint="Today or earlier" error={errorAt(errors, 'connectedOn')} registration={register('connectedOn')} />
              <TextArea id="note" label="Note (optional)" hint="For example, who they will meet, or what they were given" rows={3} error={errorAt(errors, 'note')} registration={register('note')} />
              <SaveOrCancel label="Connect them" submitting={isSubmitting} cancelHref={back.href} onCancel={() => void draft.discard()} />
            </form>
            <SaveStatus status={draft.status} />
          </div>
        </div>
      ) : null}
    </ReferralPage>
  );
}

/**
 * The search's results as radios, each with what a link worker checks before choosing: what it
 * is, where and when, what it costs, its access, and whether the entry is out of date.
 */
function EntryRadios({ entries, error, registration }: { entries: DirectoryEntry[]; error: string | undefined; registration: UseFormRegisterReturn }) {
  const id = 'entryId';
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedByIds(id, null, error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Which support?</legend>
        <FieldMessages id={id} error={error} />
        <div className="nhsuk-radios">
          {entries.map((entry, index) => {
            const optionId = index === 0 ? id : `${id}-${entry.id}`;
            const details = [entry.categoryLabel, entry.area, entry.whenItRuns, entry.cost ? `Cost: ${entry.cost}` : ''].filter(Boolean).join('. ');
            return (
              <div className="nhsuk-radios__item" key={entry.id}>
                <input className="nhsuk-radios__input" id={optionId} type="radio" value={entry.id} aria-describedby={`${optionId}-hint`} {...registration} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                  {entry.name}
                </label>
                <div className="nhsuk-hint nhsuk-radios__hint" id={`${optionId}-hint`}>
                  {entry.stale ? (
                    <span className="app-referral-aside">
                      <StaleTag lastCheckedOn={entry.lastCheckedOn} /> {staleExplanation}
                    </span>
                  ) : null}
                  {details}
                  {entry.description ? <span className="app-referral-aside">{entry.description}</span> : null}
                  {entry.accessibility.length > 0 ? (
                    <span className="app-referral-aside">Access: {entry.accessibility.map((feature) => accessibilityFeatureLabels[feature]).join(', ')}</span>
                  ) : null}
                  {entry.contact ? <span className="app-referral-aside">Contact: {entry.contact}</span> : null}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
