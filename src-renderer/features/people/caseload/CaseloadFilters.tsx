import { useEffect, useState } from 'react';
import type { EligibilityGroup } from '../../../../src-shared/contract';
import { invoke } from '../../../api/client';
import { clearFilters, filtersNarrow, setFilters, type CaseloadFilters as Filters, type StatusFilter } from './caseload-store';

let groupsLoaded: EligibilityGroup[] | null = null;

function useEligibilityGroups(): EligibilityGroup[] {
  const [groups, setGroups] = useState<EligibilityGroup[]>(groupsLoaded ?? []);
  useEffect(() => {
    let current = true;
    void invoke('eligibility.list', {}).then((result) => {
      if (!current || !result.ok) return;
      groupsLoaded = result.value;
      setGroups(result.value);
    });
    return () => {
      current = false;
    };
  }, []);
  return groups;
}

const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Open records' },
  { value: 'closed', label: 'Closed records' },
  { value: 'any', label: 'Open and closed records' },
];

/**
 * Search as you type, and the filters: the worker's own caseload, an eligibility group, open or
 * closed records, and people with accessible-information needs. Every change asks the database
 * again; nothing is filtered in the page.
 */
export function CaseloadFilters({ filters }: { filters: Filters }) {
  const groups = useEligibilityGroups();
  return (
    <search className="app-caseload-filters" aria-label="Search and filter the caseload">
      <div className="nhsuk-form-group app-caseload-filters__search">
        <label className="nhsuk-label" htmlFor="caseload-search">
          Search by name or NHS number
        </label>
        <input
          className="nhsuk-input"
          id="caseload-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={filters.query}
          onChange={(event) => setFilters({ query: event.target.value })}
        />
      </div>
      <div className="app-caseload-filters__row">
        <div className="nhsuk-form-group">
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="caseload-mine"
                type="checkbox"
                checked={filters.mine}
                onChange={(event) => setFilters({ mine: event.target.checked })}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="caseload-mine">
                My caseload only
              </label>
            </div>
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="caseload-needs"
                type="checkbox"
                checked={filters.communicationNeeds}
                onChange={(event) => setFilters({ communicationNeeds: event.target.checked })}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="caseload-needs">
                Only people with communication needs
              </label>
            </div>
          </div>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="caseload-eligibility">
            Eligibility group
          </label>
          <select
            className="nhsuk-select"
            id="caseload-eligibility"
            value={filters.eligibility}
            onChange={(event) => setFilters({ eligibility: event.target.value })}
          >
            <option value="">Any group</option>
            {groups.map((group) => (
              <option key={group.code} value={group.code}>
                {group.label}
                {group.active ? '' : ' (no longer offered)'}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="caseload-status">
            Records
          </label>
          <select
            className="nhsuk-select"
            id="caseload-status"
            value={filters.status}
            onChange={(event) => setFilters({ status: event.target.value as StatusFilter })}
          >
            {statusOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        {filtersNarrow(filters) || filters.query ? (
          <div className="nhsuk-form-group">
            <button type="button" className="nhsuk-button nhsuk-button--secondary app-caseload-filters__clear" onClick={clearFilters}>
              Clear search and filters
            </button>
          </div>
        ) : null}
      </div>
    </search>
  );
}
