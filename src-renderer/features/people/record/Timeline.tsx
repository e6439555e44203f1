import { useEffect, useState } from 'react';
import type { TimelineEntry } from '../../../../src-shared/contract';
import { formatDateTime } from '../../../../src-shared/format';
import { invoke } from '../../../api/client';
import { columnHelper, DataTable } from '../../../components/DataTable';

const column = columnHelper<TimelineEntry>();
const columns = column.columns([
  column.accessor('at', {
    header: 'When',
    cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time>,
  }),
  column.accessor('userName', { header: 'Who', cell: (info) => info.getValue() ?? 'PlanWell' }),
  column.accessor('detail', { header: 'What' }),
]);

/**
 * Everything recorded about a person, newest first, with who did it and when (from the audit
 * trail). Asked for again whenever the record's version changes.
 */
export function Timeline({ personId, version }: { personId: string; version: number }) {
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('people.timeline', { personId }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setEntries(result.value);
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [personId, version]);

  if (error) {
    return (
      <p className="nhsuk-error-message" role="alert">
        {error}
      </p>
    );
  }
  if (!entries) {
    return (
      <p className="nhsuk-body" role="status">
        Loading the timeline…
      </p>
    );
  }
  return (
    <DataTable
      columns={columns}
      data={entries}
      caption="Changes to their record, newest first"
      rowId={(entry) => String(entry.seq)}
      empty={<p className="nhsuk-body">Nothing has been recorded yet.</p>}
    />
  );
}
