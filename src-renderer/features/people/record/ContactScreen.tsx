import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type DefaultValues } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import { contactRoleLabels, contactRoles, personContactSchema, type Person, type PersonContact } from '../../../../src-shared/contract';
import type { AppErrorBody } from '../../../../src-shared/result';
import { invoke } from '../../../api/client';
import { Main } from '../../../app/Main';
import { describedByIds, FieldMessages } from '../../../components/FieldMessages';
import { usePageTitle } from '../../../components/PageTitle';
import { SaveOrCancel } from '../../../components/SaveOrCancel';
import { applyServerError, summaryErrors } from '../../../components/server-errors';
import { TextField } from '../../../components/TextField';
import { Radios, TextArea } from './form-fields';
import { MultilineText } from './MultilineText';
import { PersonHeader } from './PersonHeader';
import { personHref, usePersonRecord } from './PersonRecord';
import { RecordEditPage, recordSummaryErrors, useRecordForm } from './record-form';

/** One person around them, flat as drafts are; the contract's own schema for a contact checks it. */
const contactSchema = personContactSchema.shape.contact;
type ContactInput = z.input<typeof contactSchema>;
type ContactOutput = z.output<typeof contactSchema>;
const fields = ['role', 'name', 'relationship', 'phone', 'email', 'address', 'mayReceivePlan'] as const;

const roleOptions = contactRoles.map((role) => ({ value: role, label: contactRoleLabels[role] }));

function contactValues(contact: PersonContact | undefined): DefaultValues<ContactInput> {
  if (!contact) return { name: '', relationship: '', phone: '', email: '', address: '', mayReceivePlan: false };
  return { ...contact };
}

/** The main process names a contact's fields `contact.name` and so on; the form calls them `name`. */
function withoutContactPrefix(error: AppErrorBody): AppErrorBody {
  return { ...error, ...(error.issues ? { issues: error.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^contact\./, '') })) } : {}) };
}

/** Someone around the person: a carer, representative, nominee, next of kin or another professional. */
export function ContactScreen({ contactId }: { contactId?: string }) {
  const { person } = usePersonRecord();
  const existing = contactId ? person.contacts.find((c) => c.id === contactId) : undefined;
  if (contactId && !existing) return <ContactNotFound />;
  return <ContactForm person={person} contact={existing} />;
}

function ContactForm({ person, contact }: { person: Person; contact: PersonContact | undefined }) {
  const form = useForm<ContactInput, unknown, ContactOutput>({ resolver: zodResolver(contactSchema), defaultValues: contactValues(contact) });
  const { register, handleSubmit, formState, setError } = form;
  const { errors, isSubmitting } = formState;
  const record = useRecordForm({
    form,
    fields,
    draftKey: `person:${person.id}:contact:${contact?.id ?? 'new'}`,
    valuesFor: (fresh) => contactValues(fresh.contacts.find((c) => c.id === contact?.id)),
    placeServerError: (error) => applyServerError(withoutContactPrefix(error), fields, setError),
  });

  const submit = handleSubmit(async (values) => {
    record.starting();
    const result = await invoke('people.saveContact', { personId: person.id, rowVersion: person.rowVersion, contact: contact ? { ...values, id: contact.id } : values });
    await record.finish(result, contact ? `${values.name}'s details saved.` : `${values.name} added.`);
  });

  const mayReceiveId = 'mayReceivePlan';
  const mayReceiveHint = `Only if ${person.givenName} agrees. Their plan holds personal information.`;
  return (
    <RecordEditPage
      title={contact ? `Change details for ${contact.name}` : 'Add someone around them'}
      errors={recordSummaryErrors(summaryErrors(errors, fields, null), record.formMessage, record.stale)}
      stale={record.stale}
      onReload={() => void record.reload()}
      restoredAt={record.draft.restoredAt}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Radios id="role" legend={`Who are they to ${person.givenName}?`} options={roleOptions} error={errors.role?.message} registration={register('role')} />
        <TextField id="name" label="Full name" autoComplete="off" spellCheck={false} error={errors.name?.message} registration={register('name')} />
        <TextField id="relationship" label="Relationship (optional)" hint="For example, daughter, neighbour or social worker" width={20} autoComplete="off" error={errors.relationship?.message} registration={register('relationship')} />
        <TextField id="phone" type="tel" label="Phone number (optional)" width={20} autoComplete="off" error={errors.phone?.message} registration={register('phone')} />
        <TextField id="email" type="email" label="Email address (optional)" autoComplete="off" spellCheck={false} error={errors.email?.message} registration={register('email')} />
        <TextArea id="address" label="Address (optional)" rows={3} autoComplete="off" error={errors.address?.message} registration={register('address')} />
        <div className={`nhsuk-form-group${errors.mayReceivePlan ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={describedByIds(mayReceiveId, mayReceiveHint, errors.mayReceivePlan?.message)}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Their plan</legend>
            <FieldMessages id={mayReceiveId} hint={mayReceiveHint} error={errors.mayReceivePlan?.message} />
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input className="nhsuk-checkboxes__input" id={mayReceiveId} type="checkbox" {...register('mayReceivePlan')} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={mayReceiveId}>
                  They may receive a copy of the plan
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <SaveOrCancel label={contact ? 'Save' : 'Add them'} submitting={isSubmitting} cancelHref={personHref(person.id)} onCancel={() => void record.draft.discard()} />
      </form>
    </RecordEditPage>
  );
}

function ContactNotFound() {
  const { person } = usePersonRecord();
  usePageTitle('Contact not found');
  return (
    <Main>
      <Link className="nhsuk-back-link" href={personHref(person.id)}>
        Back to their record
      </Link>
      <PersonHeader person={person} title="Contact not found" />
      <p>They are not on this record any more. Someone may have removed them.</p>
    </Main>
  );
}

/** Asks before taking someone off the record; what was recorded stays in the timeline. */
export function RemoveContactScreen({ contactId }: { contactId: string }) {
  const record = usePersonRecord();
  const { person } = record;
  const [, navigate] = useLocation();
  const [message, setMessage] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const contact = person.contacts.find((c) => c.id === contactId);
  if (!contact) return <ContactNotFound />;

  const remove = async () => {
    setRemoving(true);
    setMessage(null);
    const result = await invoke('people.removeContact', { personId: person.id, rowVersion: person.rowVersion, contactId });
    setRemoving(false);
    if (!result.ok) return setMessage(result.error.message);
    navigate(personHref(person.id));
    record.changed(result.value, `${contact.name} removed.`);
  };

  return (
    <RecordEditPage title={`Remove ${contact.name}?`} errors={message ? [{ message }] : []} stale={false} onReload={() => undefined}>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Who they are</dt>
          <dd className="nhsuk-summary-list__value">
            {contactRoleLabels[contact.role]}
            {contact.relationship ? ` (${contact.relationship})` : ''}
          </dd>
        </div>
        {contact.address ? (
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Address</dt>
            <dd className="nhsuk-summary-list__value">
              <MultilineText text={contact.address} />
            </dd>
          </div>
        ) : null}
      </dl>
      <p>They will no longer be listed as someone around {person.givenName}. The timeline keeps a note that they were removed.</p>
      <div className="nhsuk-button-group">
        <button type="button" className="nhsuk-button nhsuk-button--warning" disabled={removing} onClick={() => void remove()}>
          Yes, remove them
        </button>
        <Link className="nhsuk-link" href={personHref(person.id)}>
          No, keep them
        </Link>
      </div>
    </RecordEditPage>
  );
}
