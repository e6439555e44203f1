import type { Generated } from 'kysely';

/** Typed tables for kysely. Column names are snake_case as stored; services map to camelCase. */
export interface PracticeSettingTable {
  key: string;
  value: string;
}

export interface StaffUserTable {
  id: string;
  username: string;
  full_name: string;
  active: number;
  must_change_password: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface StaffRoleTable {
  user_id: string;
  role: string;
}

export interface PersonTable {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  nhs_number: string;
  /** Given and family name folded to lower case without accents, for search. */
  search_name: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  row_version: Generated<number>;
}

export interface AuditEventTable {
  seq: number;
  at: string;
  user_id: string | null;
  roles: string;
  action: string;
  channel: string | null;
  person_id: string | null;
  outcome: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface DraftTable {
  user_id: string;
  key: string;
  values_json: string;
  saved_at: string;
}

export interface DatabaseSchema {
  practice_setting: PracticeSettingTable;
  staff_user: StaffUserTable;
  staff_role: StaffRoleTable;
  person: PersonTable;
  audit_event: AuditEventTable;
  draft: DraftTable;
}
