import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { Person } from '../../../../src-shared/contract';
import type { Result } from '../../../../src-shared/result';
import { invoke } from '../../../api/client';
import { Main } from '../../../app/Main';
import { usePageTitle } from '../../../components/PageTitle';

/** A link to one of a person's screens, absolute so it works from any nested router. */
export function personHref(personId: string, screen = ''): string {
  return `~/people/${personId}${screen}`;
}

export function personName(person: Pick<Person, 'givenName' | 'familyName'>): string {
  return `${person.givenName} ${person.familyName}`;
}

interface PersonRecordValue {
  person: Person;
  /** What the last change did, shown once on the person page. */
  notice: string | null;
  /** Keeps the record a change channel returned and says what changed. */
  changed(person: Person, notice: string): void;
  clearNotice(): void;
  /** Asks for the record again, after someone else changed it. Opening it again is audited. */
  reload(): Promise<Result<Person>>;
}

const PersonRecordContext = createContext<PersonRecordValue | null>(null);

/**
 * Holds one person's record while any of their screens is open. Opening the record is audited
 * as a view, so it is asked for once per opening; each change returns the updated record, which
 * replaces it here, so moving between their screens asks for nothing more.
 */
export function PersonRecord({ personId, children }: { personId: string; children: ReactNode }) {
  const [person, setPerson] = useState<Person | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [location] = useLocation();

  useEffect(() => {
    let current = true;
    setPerson(null);
    setLoadError(null);
    void invoke('people.get', { id: personId }).then((result) => {
      if (!current) return;
      if (result.ok) setPerson(result.value);
      else setLoadError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [personId]);

  // Each of their screens starts at the top, as a new page would.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location]);

  const changed = useCallback((updated: Person, message: string) => {
    setPerson(updated);
    setNotice(message);
  }, []);
  const clearNotice = useCallback(() => setNotice(null), []);
  const reload = useCallback(async () => {
    const result = await invoke('people.get', { id: personId });
    if (result.ok) setPerson(result.value);
    return result;
  }, [personId]);

  if (loadError) return <PersonNotFound message={loadError} />;
  if (!person) {
    return (
      <Main>
        <p className="nhsuk-body" role="status">
          Opening their record…
        </p>
      </Main>
    );
  }
  return (
    <PersonRecordContext.Provider value={{ person, notice, changed, clearNotice, reload }}>{children}</PersonRecordContext.Provider>
  );
}

function PersonNotFound({ message }: { message: string }) {
  usePageTitle('Person not found');
  return (
    <Main>
      <Link className="nhsuk-back-link" href="~/">
        Back to caseload
      </Link>
      <h1>Person not found</h1>
      <p>{message}</p>
    </Main>
  );
}

/** The open person's record, for any screen inside PersonRecord. */
export function usePersonRecord(): PersonRecordValue {
  const value = useContext(PersonRecordContext);
  if (!value) throw new Error('usePersonRecord must be used inside PersonRecord');
  return value;
}
