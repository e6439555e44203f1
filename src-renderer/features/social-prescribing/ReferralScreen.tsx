import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import {
  contactTypeLabels,
  referralConsentLabels,
  referralStatusLabels,
  referralUrgencyLabels,
  type Connection,
  type OutcomeRecord,
  type Referral,
  type ReferralContact,
} from '../../../src-shared/contract';
import { referralIsOpen } from '../../../src-shared/domain/referral-status';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { useCan } from '../../app/app-state';
import { Notice } from '../../components/FieldMessages';
import { MultilineText } from '../people/record/MultilineText';
import { personHref, personName, usePersonRecord } from '../people/record/PersonRecord';
import { Row, SummaryList } from '../plans/plan-view-document';
import { planNoticeFromHistory } from '../plans/plan-view-links';
import { ConnectionCard } from './referral-connections';
import { Loading, ReferralPage, ReferralStatusTag, useReferral } from './referral-parts';
import { ChangeStatusForm, StatusHistory } from './referral-status';
import { ReferralScores } from './referral-wellbeing';
import { countWords } from './directory-words';
import { referralHref, referralOutcomesHref, referralReasonWords, referralSourceWords, referralTitle, statusChangeNotice } from './referral-words';

/** What the referral screen shows besides the referral itself, each asked for once as it opens. */
interface ReferralDetails {
  contacts: ReferralContact[];
  connections: Connection[];
  outcomes: OutcomeRecord[];
}

async function loadDetails(personId: string, referralId: string): Promise<{ details: ReferralDetails } | { error: string }> {
  const [contacts, connections, outcomes] = await Promise.all([
    invoke('referrals.contacts', { referralId }),
    invoke('connections.forPerson', { personId }),
    invoke('outcomes.list', { personId }),
  ]);
  if (!contacts.ok) return { error: contacts.error.message };
  if (!connections.ok) return { error: connections.error.message };
  if (!outcomes.ok) return { error: outcomes.error.message };
  return {
    details: {
      // Newest first: the latest conversation is the one to pick up from.
      contacts: [...contacts.value].reverse(),
      connections: connections.value.filter((connection) => connection.referralId === referralId),
      outcomes: outcomes.value,
    },
  };
}

/**
 * One social prescribing referral: what it is, where it has got to and how, the contacts with the
 * person, the support they were connected to and what came of it, their wellbeing scores, and the
 * way to the summary for the GP. Once declined or discharged it is finished, so nothing more is offered.
 */
export function ReferralScreen({ referralId }: { referralId: string }) {
  const { person } = usePersonRecord();
  const canWrite = useCan()('people:write');
  const { referral, error, setReferral } = useReferral(person.id, referralId);
  const [details, setDetails] = useState<ReferralDetails | null>(null);
  const [detailsError, setDetailsError] = useState<string | null>(null);
  const [notice] = useState<string | null>(planNoticeFromHistory);
  const [statusNotice, setStatusNotice] = useState<string | null>(null);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  const back = { href: personHref(person.id), text: `Back to ${personName(person)}'s record` };

  useEffect(() => {
    let live = true;
    void loadDetails(person.id, referralId).then((loaded) => {
      if (!live) return;
      if ('details' in loaded) setDetails(loaded.details);
      else setDetailsError(loaded.error);
    });
    return () => {
      live = false;
    };
  }, [person.id, referralId]);

  const reload = useCallback(async () => {
    const result = await invoke('referrals.get', { referralId });
    if (result.ok) setReferral(result.value);
  }, [referralId, setReferral]);

  const errors = [error, detailsError].flatMap((message) => (message ? [{ message }] : []));
  if (!referral) {
    return (
      <ReferralPage title="Social prescribing referral" back={back} errors={errors}>
        {error ? null : <Loading what="Opening the referral…" />}
      </ReferralPage>
    );
  }

  const open = referralIsOpen(referral.status);
  const writable = canWrite && open;
  const statusChanged = (next: Referral) => {
    setReferral(next);
    setStatusNotice(statusChangeNotice(next.status));
    // The option chosen may be gone (or the whole form, once discharged): the keyboard goes to the status.
    statusHeading.current?.focus();
  };
  const connectionChanged = (next: Connection) =>
    setDetails((current) => current && { ...current, connections: current.connections.map((c) => (c.id === next.id ? next : c)) });

  return (
    <ReferralPage title={referralTitle(referral)} back={back} errors={errors} notice={notice}>
      <p className="nhsuk-body-l">
        <ReferralStatusTag status={referral.status} /> since {formatDate(referral.statusChangedOn)}
      </p>
      {open ? null : (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            This referral is {referralStatusLabels[referral.status].toLowerCase()}. It is finished: contacts, connections and scores cannot be added to it. Record a new
            referral if they come back to social prescribing.
          </p>
        </div>
      )}

      <h2>The referral</h2>
      <SummaryList>
        <Row label="Referred on">{formatDate(referral.referredOn)}</Row>
        <Row label="Referred by">{referralSourceWords(referral)}</Row>
        <Row label="Reasons">
          <ul className="nhsuk-list">
            {referralReasonWords(referral).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </Row>
        <Row label="Urgency">{referralUrgencyLabels[referral.urgency]}</Row>
        <Row label="Agreed to be referred">{referralConsentLabels[referral.consent]}</Row>
        <Row label="Notes">{referral.notes ? <MultilineText text={referral.notes} /> : <span className="nhsuk-u-secondary-text-colour">None</span>}</Row>
        <Row label="Recorded by">{referral.createdByName ?? 'Unknown'}</Row>
      </SummaryList>

      <h2 ref={statusHeading} tabIndex={-1}>
        Status
      </h2>
      {statusNotice ? <Notice>{statusNotice}</Notice> : null}
      <StatusHistory history={referral.history} />
      {canWrite && referral.nextStatuses.length > 0 ? (
        <ChangeStatusForm key={referral.rowVersion} referral={referral} personId={person.id} onChanged={statusChanged} onReload={reload} />
      ) : null}

      <h2>Contacts</h2>
      {writable ? (
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" href={referralHref(person.id, referral.id, '/contacts/new')}>
            Log a contact
          </Link>
        </p>
      ) : null}
      {!details ? (
        detailsError ? null : <Loading what="Loading the contacts…" />
      ) : details.contacts.length === 0 ? (
        <p>No contacts have been logged yet.</p>
      ) : (
        <>
          <p>
            {countWords(details.contacts.length, 'contact', 'contacts')}, {countWords(details.contacts.reduce((sum, c) => sum + c.durationMinutes, 0), 'minute', 'minutes')} in all. The newest is first.
          </p>
          {details.contacts.map((contact) => (
            <ContactCard key={contact.id} contact={contact} />
          ))}
        </>
      )}

      <h2>Support they were connected to</h2>
      {writable ? (
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" href={referralHref(person.id, referral.id, '/connect')}>
            Connect to support
          </Link>
        </p>
      ) : null}
      {!details ? (
        detailsError ? null : <Loading what="Loading the connections…" />
      ) : details.connections.length === 0 ? (
        <p>They have not been connected to any support yet.</p>
      ) : (
        details.connections.map((connection, index) => (
          <ConnectionCard key={connection.id} connection={connection} number={index + 1} writable={writable} onChanged={connectionChanged} />
        ))
      )}

      <h2>Wellbeing</h2>
      <p>Record a score at the start (baseline) and again later (follow-up), to show the change in the summary for the GP.</p>
      {writable ? (
        <ul className="nhsuk-list">
          <li>
            <Link href={referralOutcomesHref(person.id, referral.id, 'baseline')}>Record a baseline score</Link>
          </li>
          <li>
            <Link href={referralOutcomesHref(person.id, referral.id, 'follow-up')}>Record a follow-up score</Link>
          </li>
        </ul>
      ) : null}
      {!details ? detailsError ? null : <Loading what="Loading the scores…" /> : <ReferralScores outcomes={details.outcomes} referralId={referral.id} />}

      <h2>Summary for the GP</h2>
      <p>
        {referral.status === 'discharged'
          ? 'The summary of what happened, with the codes for the GP record, to copy into it or send as a PDF.'
          : 'The summary is final once the referral is discharged. You can see it as it stands now.'}
      </p>
      <p>
        <Link href={referralHref(person.id, referral.id, '/summary')}>Summary for the GP</Link>
      </p>
    </ReferralPage>
  );
}

function ContactCard({ contact }: { contact: ReferralContact }) {
  return (
    <section className="nhsuk-card" aria-labelledby={`contact-${contact.id}`}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading" id={`contact-${contact.id}`}>
          {formatDate(contact.contactOn)}: {contactTypeLabels[contact.type].toLowerCase()}, {countWords(contact.durationMinutes, 'minute', 'minutes')}
        </h3>
        <SummaryList>
          <Row label="Who attended">{contact.attendees || <span className="nhsuk-u-secondary-text-colour">Not recorded</span>}</Row>
          <Row label="Notes">{contact.notes ? <MultilineText text={contact.notes} /> : <span className="nhsuk-u-secondary-text-colour">None</span>}</Row>
          <Row label="Next step">{contact.nextStep ? <MultilineText text={contact.nextStep} /> : <span className="nhsuk-u-secondary-text-colour">None</span>}</Row>
          <Row label="Logged by">{contact.recordedByName ?? 'Unknown'}</Row>
        </SummaryList>
      </div>
    </section>
  );
}
