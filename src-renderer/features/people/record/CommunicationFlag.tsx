import { useId } from 'react';
import {
  communicationNeedKinds,
  describeCommunicationNeed,
  type CommunicationNeed,
} from '../../../../src-shared/domain/accessible-information';
import { MultilineText } from './MultilineText';

/** Needs in the order the Accessible Information Standard lists their kinds. */
export function sortedNeeds(needs: readonly CommunicationNeed[]): CommunicationNeed[] {
  return [...needs].sort((a, b) => communicationNeedKinds.indexOf(a.kind) - communicationNeedKinds.indexOf(b.kind));
}

/**
 * The Accessible Information Standard's flag: whenever a person's record is open, their
 * communication needs are in plain sight, in plain words, before anything else about them.
 * Nothing is shown when none are recorded.
 */
export function CommunicationFlag({ needs, notes }: { needs: readonly CommunicationNeed[]; notes: string }) {
  const headingId = useId();
  if (needs.length === 0 && !notes) return null;
  return (
    <section className="nhsuk-card nhsuk-card--warning" aria-labelledby={headingId}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading" id={headingId}>
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Communication needs
        </h2>
        {needs.length > 0 ? (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {sortedNeeds(needs).map((need) => (
              <li key={`${need.kind}/${need.need}`}>{describeCommunicationNeed(need)}</li>
            ))}
          </ul>
        ) : null}
        {notes ? (
          <p className="nhsuk-card__description">
            <MultilineText text={notes} />
          </p>
        ) : null}
      </div>
    </section>
  );
}
