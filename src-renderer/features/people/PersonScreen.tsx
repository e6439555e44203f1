import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { Person } from '../../../src-shared/contract';
import { formatNhsNumber } from '../../../src-shared/domain/nhs-number';
import { ageOn, formatDate, formatDateTime, isoDateInLondon } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { usePageTitle } from '../../components/PageTitle';

export function PersonScreen({ personId }: { personId: string }) {
  const [person, setPerson] = useState<Person | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(person ? `${person.givenName} ${person.familyName}` : 'Person');

  useEffect(() => {
    let current = true;
    void invoke('people.get', { id: personId }).then((result) => {
      if (!current) return;
      if (result.ok) setPerson(result.value);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [personId]);

  return (
    <Main>
      <Link className="nhsuk-back-link" href="/">
        Back to caseload
      </Link>
      {error ? (
        <>
          <h1>Person not found</h1>
          <p>{error}</p>
        </>
      ) : !person ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <h1>
            <span className="nhsuk-caption-l">NHS number {formatNhsNumber(person.nhsNumber)}</span>
            {person.givenName} {person.familyName}
          </h1>
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">NHS number</dt>
              <dd className="nhsuk-summary-list__value">{formatNhsNumber(person.nhsNumber)}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Date of birth</dt>
              <dd className="nhsuk-summary-list__value">
                {formatDate(person.dateOfBirth)} (aged {ageOn(person.dateOfBirth, isoDateInLondon(new Date()))})
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Added to PlanWell</dt>
              <dd className="nhsuk-summary-list__value">{formatDateTime(person.createdAt)}</dd>
            </div>
          </dl>
        </>
      )}
    </Main>
  );
}
