import type { Person } from '../../../../src-shared/contract';
import { formatNhsNumber } from '../../../../src-shared/domain/nhs-number';
import { ageOn, formatDate, isoDateInLondon } from '../../../../src-shared/format';
import { CommunicationFlag } from './CommunicationFlag';
import { personName } from './PersonRecord';

type HeaderPerson = Pick<
  Person,
  'givenName' | 'familyName' | 'preferredName' | 'nhsNumber' | 'dateOfBirth' | 'status' | 'communicationNeeds' | 'communicationNotes'
>;

/**
 * Who this screen is about, at the top of every screen about a person: their name, NHS number,
 * date of birth, whether their record is closed, and their communication needs. On their own
 * page the name is the heading; on any other screen the heading says what the screen is for,
 * under their name.
 */
export function PersonHeader({ person, title }: { person: HeaderPerson; title?: string }) {
  const name = personName(person);
  return (
    <div className="nhsuk-u-margin-bottom-6">
      <h1 className="nhsuk-u-margin-bottom-3">
        {title ? (
          <>
            <span className="nhsuk-caption-l">
              {name}
              <span className="nhsuk-u-visually-hidden">: </span>
            </span>
            {title}
          </>
        ) : (
          name
        )}
      </h1>
      {person.status === 'closed' ? (
        <p className="nhsuk-u-margin-bottom-3">
          <strong className="nhsuk-tag nhsuk-tag--grey">Record closed</strong>
        </p>
      ) : null}
      <ul className="nhsuk-list nhsuk-u-margin-bottom-4">
        {person.preferredName ? (
          <li>
            Known as <strong>{person.preferredName}</strong>
          </li>
        ) : null}
        <li>
          NHS number <strong>{formatNhsNumber(person.nhsNumber)}</strong>
        </li>
        <li>
          Born <strong>{formatDate(person.dateOfBirth)}</strong> (aged {ageOn(person.dateOfBirth, isoDateInLondon(new Date()))})
        </li>
      </ul>
      <CommunicationFlag needs={person.communicationNeeds} notes={person.communicationNotes} />
    </div>
  );
}
