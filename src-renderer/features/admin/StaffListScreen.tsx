import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { roleLabels, type StaffMember } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { columnHelper, DataTable } from '../../components/DataTable';
import { usePageTitle } from '../../components/PageTitle';

const column = columnHelper<StaffMember>();
const columns = column.columns([
  column.accessor('fullName', {
    header: 'Name',
    cell: (info) => <Link href={`/staff/${info.row.original.id}`}>{info.getValue()}</Link>,
  }),
  column.accessor('username', { header: 'Username' }),
  column.accessor((member) => member.roles.map((role) => roleLabels[role]).join('; '), { id: 'roles', header: 'Roles' }),
  column.accessor((member) => (!member.active ? 'Deactivated' : member.mustChangePassword ? 'Waiting for first log-in' : 'Active'), {
    id: 'status',
    header: 'Status',
  }),
]);

export function StaffListScreen() {
  usePageTitle('Staff');
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void invoke('staff.list', {}).then((result) => (result.ok ? setStaff(result.value) : setError(result.error.message)));
  }, []);
  return (
    <Main>
      <div className="app-table-actions">
        <h1 className="nhsuk-u-margin-bottom-4">Staff</h1>
        <Link className="nhsuk-button nhsuk-u-margin-bottom-4" href="/staff/new">
          Add a staff member
        </Link>
      </div>
      {error ? <p className="nhsuk-error-message" role="alert">{error}</p> : null}
      {staff ? <DataTable columns={columns} data={staff} caption="Staff accounts" rowId={(member) => member.id} /> : <p role="status">Loading…</p>}
    </Main>
  );
}
