import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { contactMethodLabels, contactRoleLabels, type Person, type PersonContact } from '../../../src-shared/contract';
import { communicationNeedKindLabels, communicationNeedKinds, describeCommunicationNeed } from '../../../src-shared/domain/accessible-information';
import { formatNhsNumber } from '../../../src-shared/domain/nhs-number';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { useCan } from '../../app/app-state';
import { Main } from '../../app/Main';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { PlanSummaryCard } from '../plans/plan-view-summary';
import { ReviewScheduleCard } from '../reviews/ReviewScheduleCard';
import { SocialPrescribingCard } from '../social-prescribing/referrals-card';
import { useEligibilityGroups } from './record/EligibilityScreen';
import { MultilineText } from './record/MultilineText';
import { PersonHeader } from './record/PersonHeader';
import { personHref, personName, usePersonRecord } from './record/PersonRecord';
import { isStaleRecord, RecordErrorSummary, recordSummaryErrors } from './record/record-form';
import { Timeline } from './record/Timeline';

/** A person's record: everything about them on one page, each part with a way to change it, and the timeline. */
export function PersonScreen() {
  const record = usePersonRecord();
  const { person } = record;
  const canWrite = useCan()('people:write');
  const [message, setMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(personName(person));

  const reopen = async () => {
    setMessage(null);
    setStale(false);
    const result = await invoke('people.reopen', { id: person.id, rowVersion: person.rowVersion });
    if (result.ok) {
      record.changed(result.value, `${person.givenName}'s record is open again.`);
      // The button is gone; keep the keyboard where it was.
      statusHeading.current?.focus();
    } else {
      setStale(isStaleRecord(result.error));
      setMessage(result.error.message);
    }
  };
  const reload = async () => {
    const result = await record.reload();
    setStale(false);
    setMessage(result.ok ? null : result.error.message);
  };

  // Change links exist only for those who may change the record; the main process refuses the rest.
  const change = (screen: string, what: string, focus?: string): ChangeLink | undefined =>
    canWrite ? { href: personHref(person.id, screen), what, ...(focus ? { focus } : {}) } : undefined;

  return (
    <Main>
      <Link className="nhsuk-back-link" href="~/">
        Back to caseload
      </Link>
      <RecordErrorSummary errors={recordSummaryErrors([], message, stale)} stale={stale} onReload={() => void reload()} />
      {record.notice ? <Notice>{record.notice}</Notice> : null}
      <PersonHeader person={person} />

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <PlanSummaryCard personId={person.id} />
          <ReviewScheduleCard personId={person.id} />
          <SocialPrescribingCard personId={person.id} canRecord={canWrite && person.status === 'active'} />

          <h2>Personal details</h2>
          <SummaryList>
            <Row label="Given name" change={change('/details', 'given name', 'givenName')}>{person.givenName}</Row>
            <Row label="Family name" change={change('/details', 'family name', 'familyName')}>{person.familyName}</Row>
            <Row label="Preferred name" change={change('/details', 'preferred name', 'preferredName')}>{person.preferredName || <NotRecorded />}</Row>
            <Row label="Date of birth" change={change('/details', 'date of birth', 'dateOfBirth')}>{formatDate(person.dateOfBirth)}</Row>
            <Row label="NHS number" change={change('/details', 'NHS number', 'nhsNumber')}>{formatNhsNumber(person.nhsNumber)}</Row>
            <Row label="Sex or gender" change={change('/details', 'sex or gender', 'sexOrGender')}>{person.sexOrGender || <NotRecorded />}</Row>
            <Row label="Registered GP practice" change={change('/details', 'registered GP practice', 'registeredPractice')}>
              {person.registeredPractice || <NotRecorded />}
            </Row>
          </SummaryList>

          <h2>Contact details</h2>
          <SummaryList>
            <Row label="Address" change={change('/contact-details', 'address', 'address')}>
              {person.address ? <MultilineText text={person.address} /> : <NotRecorded />}
            </Row>
            <Row label="Postcode" change={change('/contact-details', 'postcode', 'postcode')}>{person.postcode || <NotRecorded />}</Row>
            <Row label="Phone number" change={change('/contact-details', 'phone number', 'phone')}>{person.phone || <NotRecorded />}</Row>
            <Row label="Email address" change={change('/contact-details', 'email address', 'email')}>{person.email || <NotRecorded />}</Row>
            <Row label="Preferred contact method" change={change('/contact-details', 'preferred contact method', 'preferredContactMethod')}>
              {person.preferredContactMethod ? contactMethodLabels[person.preferredContactMethod] : 'No preference'}
            </Row>
          </SummaryList>

          <h2>Accessible information needs</h2>
          <SummaryList>
            {communicationNeedKinds.map((kind) => {
              const needs = person.communicationNeeds.filter((need) => need.kind === kind);
              return (
                <Row key={kind} label={communicationNeedKindLabels[kind]} change={change('/communication', communicationNeedKindLabels[kind].toLowerCase())}>
                  {needs.length > 0 ? <PlainList items={needs.map(describeCommunicationNeed)} /> : 'None recorded'}
                </Row>
              );
            })}
            <Row label="Notes" change={change('/communication', 'communication notes', 'notes')}>
              {person.communicationNotes ? <MultilineText text={person.communicationNotes} /> : <NotRecorded />}
            </Row>
          </SummaryList>

          <h2>People around them</h2>
          {person.contacts.length === 0 ? <p>No one has been recorded yet.</p> : null}
          {person.contacts.map((contact) => (
            <ContactCard key={contact.id} person={person} contact={contact} canWrite={canWrite} />
          ))}
          {canWrite ? (
            <p>
              <Link className="nhsuk-button nhsuk-button--secondary" href={personHref(person.id, '/contacts/new')}>
                Add someone around them
              </Link>
            </p>
          ) : null}

          <h2>Personal health budget eligibility</h2>
          <EligibilitySummary person={person} change={change('/eligibility', 'eligibility')} />

          <h2>Sharing choices</h2>
          <SummaryList>
            <Row label="Who may see their plan" change={change('/sharing', 'who may see their plan', 'sharingPreferences')}>
              {person.sharingPreferences ? <MultilineText text={person.sharingPreferences} /> : <NotRecorded />}
            </Row>
            <Row label="People around them who may receive the plan">
              {person.contacts.some((c) => c.mayReceivePlan) ? (
                <PlainList items={person.contacts.filter((c) => c.mayReceivePlan).map((c) => `${c.name} (${contactRoleLabels[c.role].toLowerCase()})`)} />
              ) : (
                'No one'
              )}
            </Row>
          </SummaryList>

          <h2>Assigned worker</h2>
          <SummaryList>
            <Row label="Assigned worker" change={change('/worker', 'assigned worker', 'assignedWorkerId')}>{person.assignedWorkerName ?? 'Nobody'}</Row>
          </SummaryList>

          <h2 ref={statusHeading} tabIndex={-1}>
            Status
          </h2>
          <SummaryList>
            <Row label="Status">{person.status === 'closed' ? 'Closed' : 'Active'}</Row>
            {person.status === 'closed' ? (
              <>
                <Row label="Closed on">{formatDate(person.closedOn)}</Row>
                <Row label="Reason">
                  <MultilineText text={person.closedReason} />
                </Row>
              </>
            ) : null}
            <Row label="Added to PlanWell">{formatDateTime(person.createdAt)}</Row>
            <Row label="Last changed">{formatDateTime(person.updatedAt)}</Row>
          </SummaryList>
          {canWrite ? (
            person.status === 'closed' ? (
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void reopen()}>
                Reopen their record
              </button>
            ) : (
              <p>
                <Link className="nhsuk-button nhsuk-button--secondary" href={personHref(person.id, '/close')}>
                  Close their record
                </Link>
              </p>
            )
          ) : null}
        </div>
      </div>

      <h2>Timeline</h2>
      <Timeline personId={person.id} version={person.rowVersion} />
    </Main>
  );
}

interface ChangeLink {
  href: string;
  /** Finishes "Change …" for screen reader users, who hear the link out of its row. */
  what: string;
  /** The field to put the cursor in on the screen it opens. */
  focus?: string;
}

function SummaryList({ children }: { children: ReactNode }) {
  return <dl className="nhsuk-summary-list">{children}</dl>;
}

function Row({ label, change, children }: { label: string; change?: ChangeLink | undefined; children: ReactNode }) {
  return (
    <div className={`nhsuk-summary-list__row${change ? '' : ' nhsuk-summary-list__row--no-actions'}`}>
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
      {change ? (
        <dd className="nhsuk-summary-list__actions">
          <Link href={change.href} state={change.focus ? { focus: change.focus } : null}>
            Change<span className="nhsuk-u-visually-hidden"> {change.what}</span>
          </Link>
        </dd>
      ) : null}
    </div>
  );
}

function NotRecorded() {
  return <span className="nhsuk-u-secondary-text-colour">Not recorded</span>;
}

function PlainList({ items }: { items: string[] }) {
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="nhsuk-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function ContactCard({ person, contact, canWrite }: { person: Person; contact: PersonContact; canWrite: boolean }) {
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__heading-container">
        <h3 className="nhsuk-card__heading">{contact.name}</h3>
        {canWrite ? (
          <ul className="nhsuk-card__actions">
            <li className="nhsuk-card__action">
              <Link href={personHref(person.id, `/contacts/${contact.id}`)}>
                Change<span className="nhsuk-u-visually-hidden"> details for {contact.name}</span>
              </Link>
            </li>
            <li className="nhsuk-card__action">
              <Link href={personHref(person.id, `/contacts/${contact.id}/remove`)}>
                Remove<span className="nhsuk-u-visually-hidden"> {contact.name}</span>
              </Link>
            </li>
          </ul>
        ) : null}
      </div>
      <div className="nhsuk-card__content">
        <dl className="nhsuk-summary-list nhsuk-summary-list--no-last-row-border">
          <Row label="Who they are">{contactRoleLabels[contact.role]}</Row>
          <Row label="Relationship">{contact.relationship || <NotRecorded />}</Row>
          <Row label="Phone number">{contact.phone || <NotRecorded />}</Row>
          <Row label="Email address">{contact.email || <NotRecorded />}</Row>
          {contact.address ? (
            <Row label="Address">
              <MultilineText text={contact.address} />
            </Row>
          ) : null}
          <Row label="May receive the plan">{contact.mayReceivePlan ? 'Yes' : 'No'}</Row>
        </dl>
      </div>
    </div>
  );
}

/** Eligibility in the practice's own words, the groups with a legal right first. */
function EligibilitySummary({ person, change }: { person: Person; change: ChangeLink | undefined }) {
  const { groups, error } = useEligibilityGroups();
  if (error) return <p className="nhsuk-error-message">{error}</p>;
  if (!groups) return <p role="status">Loading…</p>;
  const theirs = groups.filter((group) => person.eligibility.includes(group.code));
  const legal = theirs.filter((group) => group.legalRight).map((group) => group.label);
  const local = theirs.filter((group) => !group.legalRight).map((group) => group.label);
  return (
    <SummaryList>
      <Row label="Legal right to a personal health budget" change={change}>
        {legal.length > 0 ? <PlainList items={legal} /> : 'None recorded'}
      </Row>
      <Row label="Offered locally" change={change && { ...change, what: 'local eligibility' }}>
        {local.length > 0 ? <PlainList items={local} /> : 'None recorded'}
      </Row>
    </SummaryList>
  );
}
