import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation, useSearch } from 'wouter';
import { z } from 'zod';
import { directoryEntrySchema, directoryStaleMonths, type DirectoryEntry, type ListOption } from '../../../src-shared/contract';
import { formatDate, isoDateInLondon } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { useCan } from '../../app/app-state';
import { useFormDraft } from '../../app/drafts';
import { Main } from '../../app/Main';
import { Checkboxes } from '../../components/Checkboxes';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { SaveOrCancel } from '../../components/SaveOrCancel';
import { RestoredDraftNotice, SaveStatus } from '../../components/SaveStatus';
import { applyServerError, errorAt, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { MultilineText } from '../people/record/MultilineText';
import { isStaleRecord, RecordErrorSummary, recordSummaryErrors } from '../people/record/record-form';
import { Select, TextArea } from '../people/record/form-fields';
import { Row, SummaryList } from '../plans/plan-view-document';
import { useSocialPrescribingOptions } from './directory-options';
import { accessibilityOptions, accessibilityWords, DirectoryEntryTags, NotOfferedTag, StaleTag, staleExplanation } from './directory-words';
import './directory.scss';

/**
 * The contract's schema, as the main process checks it, with whether the entry is still offered;
 * an empty category gets words of its own rather than the list key's general message.
 */
const entryFormSchema = directoryEntrySchema.extend({
  category: z.string().trim().min(1, 'Choose a category').pipe(directoryEntrySchema.shape.category),
  active: z.boolean(),
});
type EntryFormInput = z.input<typeof entryFormSchema>;
type EntryFormOutput = z.output<typeof entryFormSchema>;
const fields = ['name', 'category', 'description', 'address', 'area', 'contact', 'cost', 'whenItRuns', 'accessibility', 'referralRoute', 'lastCheckedOn', 'active'] as const;

const emptyEntry: EntryFormInput = {
  name: '',
  category: '',
  description: '',
  address: '',
  area: '',
  contact: '',
  cost: '',
  whenItRuns: '',
  accessibility: [],
  referralRoute: '',
  lastCheckedOn: '',
  active: true,
};

function entryValues(entry: DirectoryEntry | null): EntryFormInput {
  if (!entry) return emptyEntry;
  const { name, category, description, address, area, contact, cost, whenItRuns, accessibility, referralRoute, lastCheckedOn, active } = entry;
  return { name, category, description, address, area, contact, cost, whenItRuns, accessibility, referralRoute, lastCheckedOn, active };
}

/** Said on the entry's page after it is saved: adding one opens a new page, so it is passed across. */
let savedNotice: { entryId: string; text: string } | null = null;

type Loaded = { state: 'loading' } | { state: 'missing'; message: string } | { state: 'ready'; entry: DirectoryEntry | null };

/**
 * One entry in the directory of local support: its details for anyone who can read the directory,
 * and the form to add or change it for those who can change records. Saving names the version it
 * started from, so someone else's change in between is reported, not overwritten.
 */
export function DirectoryEntryScreen({ entryId }: { entryId?: string }) {
  const can = useCan();
  const [loaded, setLoaded] = useState<Loaded>(entryId ? { state: 'loading' } : { state: 'ready', entry: null });
  const { options, error: optionsError } = useSocialPrescribingOptions();

  useEffect(() => {
    if (!entryId) return;
    let live = true;
    void invoke('directory.get', { entryId }).then((result) => {
      if (!live) return;
      setLoaded(result.ok ? { state: 'ready', entry: result.value } : { state: 'missing', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [entryId]);

  if (loaded.state === 'missing') return <EntryMissing message={loaded.message} />;
  if (loaded.state === 'loading' || (can('people:write') && !options && !optionsError)) return <EntryLoading />;
  if (!can('people:write')) return loaded.entry ? <EntryView entry={loaded.entry} /> : <EntryMissing message="That directory entry is not in PlanWell." />;
  return <EntryForm entry={loaded.entry} categories={options?.categories ?? []} optionsError={optionsError} />;
}

/** Back to the directory, with the search it was opened from (kept in the address). */
function BackToDirectory() {
  const search = useSearch();
  return (
    <Link className="nhsuk-back-link" href={`/directory?${search}`}>
      Back to the directory
    </Link>
  );
}

function EntryLoading() {
  usePageTitle('Directory entry');
  return (
    <Main>
      <BackToDirectory />
      <p className="nhsuk-body" role="status">
        Loading…
      </p>
    </Main>
  );
}

function EntryMissing({ message }: { message: string }) {
  usePageTitle('Directory entry not found');
  return (
    <Main>
      <BackToDirectory />
      <h1>Directory entry not found</h1>
      <p>{message}</p>
    </Main>
  );
}

const connectionWords = (n: number) => (n === 0 ? 'Nobody has been connected to it yet.' : `People have been connected to it ${n.toLocaleString('en-GB')} ${n === 1 ? 'time' : 'times'}.`);

/** Someone who can read but not change the directory sees the entry's details. */
function EntryView({ entry }: { entry: DirectoryEntry }) {
  usePageTitle(entry.name);
  const text = (value: string) => (value ? <span className="app-directory-text">{value}</span> : 'Not recorded');
  return (
    <Main>
      <BackToDirectory />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">Directory of local support</span>
          <h1>{entry.name}</h1>
          <DirectoryEntryTags entry={entry} />
          {entry.stale ? <p>{staleExplanation}</p> : null}
          <SummaryList>
            <Row label="Category">{entry.categoryLabel}</Row>
            <Row label="What it is">{text(entry.description)}</Row>
            <Row label="Address">{entry.address ? <MultilineText text={entry.address} /> : 'Not recorded'}</Row>
            <Row label="Area">{text(entry.area)}</Row>
            <Row label="How to get in touch">{text(entry.contact)}</Row>
            <Row label="Cost">{text(entry.cost)}</Row>
            <Row label="When it runs">{text(entry.whenItRuns)}</Row>
            <Row label="Accessibility">{accessibilityWords(entry)}</Row>
            <Row label="How to refer">{text(entry.referralRoute)}</Row>
            <Row label="Last checked">
              {formatDate(entry.lastCheckedOn)}
              {entry.stale ? (
                <span className="app-directory-tags">
                  <StaleTag lastCheckedOn={entry.lastCheckedOn} />
                </span>
              ) : null}
            </Row>
            <Row label="Still offered">{entry.active ? 'Yes' : <NotOfferedTag />}</Row>
          </SummaryList>
          <p>{connectionWords(entry.connectionCount)}</p>
        </div>
      </div>
    </Main>
  );
}

function EntryForm({ entry: opened, categories, optionsError }: { entry: DirectoryEntry | null; categories: ListOption[]; optionsError: string | null }) {
  const [entry, setEntry] = useState(opened);
  const [, navigate] = useLocation();
  const search = useSearch();
  const [formMessage, setFormMessage] = useState<string | null>(optionsError);
  const [stale, setStale] = useState(false);
  const [notice, setNotice] = useState<string | null>(() => (opened && savedNotice?.entryId === opened.id ? savedNotice.text : null));
  useEffect(() => {
    savedNotice = null;
  }, []);
  const form = useForm<EntryFormInput, unknown, EntryFormOutput>({
    resolver: zodResolver(entryFormSchema),
    defaultValues: entryValues(opened),
    // Checked again only when sent: the error summary takes the focus whenever its errors change.
    reValidateMode: 'onSubmit',
  });
  const { register, handleSubmit, formState, setError, setValue, reset, setFocus } = form;
  const { errors, isSubmitting } = formState;
  const draft = useFormDraft(`directory:${opened?.id ?? 'new'}`, form);
  const title = entry ? entry.name : 'Add an entry to the directory';
  usePageTitle(entry ? `Change ${entry.name}` : title);

  const categoryOptions = [
    { value: '', label: 'Choose a category' },
    ...categories.map((category) => ({ value: category.key, label: category.label })),
    // A category is never removed, but one not yet in the page's list still shows as it is.
    ...(entry && !categories.some((category) => category.key === entry.category) ? [{ value: entry.category, label: entry.categoryLabel }] : []),
  ];

  const submit = handleSubmit(async ({ active, ...values }) => {
    setFormMessage(null);
    setStale(false);
    setNotice(null);
    const result = await invoke('directory.save', { ...(entry ? { entryId: entry.id, rowVersion: entry.rowVersion } : {}), entry: values, active });
    if (result.ok) {
      const saved = result.value;
      await draft.discard(entryValues(saved));
      if (!entry) {
        savedNotice = { entryId: saved.id, text: `${saved.name} added to the directory.` };
        // Back from the new entry goes to the directory, not to an empty form.
        navigate(`/directory/${saved.id}`, { replace: true });
        return;
      }
      setEntry(saved);
      reset(entryValues(saved));
      setNotice(`${saved.name} saved.`);
    } else if (isStaleRecord(result.error)) {
      setStale(true);
      setFormMessage(result.error.message);
    } else {
      setFormMessage(applyServerError(result.error, fields, setError));
    }
  });

  const reload = async () => {
    if (!entry) return;
    const result = await invoke('directory.get', { entryId: entry.id });
    if (!result.ok) return setFormMessage(result.error.message);
    setStale(false);
    setFormMessage(null);
    setEntry(result.value);
    reset(entryValues(result.value));
    await draft.discard(entryValues(result.value));
    setFocus('name');
  };

  const checkedToday = () => {
    setValue('lastCheckedOn', isoDateInLondon(new Date()), { shouldDirty: true });
    setFocus('lastCheckedOn');
  };

  const fieldErrors = summaryErrors(errors, fields, null);
  const accessibilityError = errorAt(errors, 'accessibility');
  if (accessibilityError && !fieldErrors.some((error) => error.fieldId === 'accessibility')) fieldErrors.push({ fieldId: 'accessibility', message: accessibilityError });

  return (
    <Main>
      <BackToDirectory />
      <RecordErrorSummary errors={recordSummaryErrors(fieldErrors, formMessage, stale)} stale={stale} onReload={() => void reload()} reloadLabel="Reload the entry with their changes" />
      {notice ? <Notice>{notice}</Notice> : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {entry ? <span className="nhsuk-caption-l">Directory of local support</span> : null}
          <h1>{title}</h1>
          {entry ? <DirectoryEntryTags entry={entry} /> : null}
          {entry?.stale ? <p>{staleExplanation}</p> : null}
          {entry ? <p>{connectionWords(entry.connectionCount)}</p> : null}
          <RestoredDraftNotice restoredAt={draft.restoredAt} />
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="name" label="Name" hint="What people know it as" autoComplete="off" error={errors.name?.message} registration={register('name')} />
            <Select id="category" label="Category" options={categoryOptions} error={errors.category?.message} registration={register('category')} />
            <TextArea
              id="description"
              label="What it is (optional)"
              hint="In plain words: what happens there and who it is for"
              rows={4}
              error={errors.description?.message}
              registration={register('description')}
            />
            <TextArea id="address" label="Address (optional)" rows={3} autoComplete="off" error={errors.address?.message} registration={register('address')} />
            <TextField
              id="area"
              label="Area (optional)"
              hint="The town, village or neighbourhood people search by"
              width={20}
              autoComplete="off"
              error={errors.area?.message}
              registration={register('area')}
            />
            <TextArea id="contact" label="How to get in touch (optional)" hint="Phone number, email address, website, or just turn up" rows={3} error={errors.contact?.message} registration={register('contact')} />
            <TextField id="cost" label="Cost (optional)" hint="For example, Free, or £3 a session" width={20} autoComplete="off" error={errors.cost?.message} registration={register('cost')} />
            <TextField id="whenItRuns" label="When it runs (optional)" hint="For example, Tuesdays 10am to 12pm, term time only" autoComplete="off" error={errors.whenItRuns?.message} registration={register('whenItRuns')} />
            <Checkboxes id="accessibility" legend="Accessibility" hint="Select all that the organisation has told you about" options={accessibilityOptions} error={accessibilityError} registration={register('accessibility')} />
            <TextArea id="referralRoute" label="How to refer (optional)" hint="For example, a form on their website, or the person phones them" rows={3} error={errors.referralRoute?.message} registration={register('referralRoute')} />
            <div className="app-directory-checked">
              <TextField
                id="lastCheckedOn"
                type="date"
                label="Last checked"
                hint={`When someone last confirmed these details with the organisation. After ${directoryStaleMonths} months the entry is flagged as needing a check.`}
                error={errors.lastCheckedOn?.message}
                registration={register('lastCheckedOn')}
              />
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={checkedToday}>
                Checked today
              </button>
            </div>
            <div className={`nhsuk-form-group${errors.active ? ' nhsuk-form-group--error' : ''}`}>
              <fieldset className="nhsuk-fieldset" aria-describedby="active-hint">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Still offered</legend>
                <div className="nhsuk-hint" id="active-hint">
                  Entries no longer offered stay in the directory for the people already connected to them, but are left out of searches.
                </div>
                <div className="nhsuk-checkboxes">
                  <div className="nhsuk-checkboxes__item">
                    <input className="nhsuk-checkboxes__input" id="active" type="checkbox" {...register('active')} />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="active">
                      This support is still offered
                    </label>
                  </div>
                </div>
              </fieldset>
            </div>
            <SaveOrCancel label={entry ? 'Save the entry' : 'Add the entry'} submitting={isSubmitting} cancelHref={`/directory?${search}`} onCancel={() => void draft.discard()} />
          </form>
          <SaveStatus status={draft.status} />
        </div>
      </div>
    </Main>
  );
}
