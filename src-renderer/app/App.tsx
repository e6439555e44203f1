import { useCallback, useState, type ReactNode } from 'react';
import { Redirect, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { AppState, Permission } from '../../src-shared/contract';
import { invoke } from '../api/client';
import { Header } from '../components/Header';
import { AuditScreen } from '../features/admin/AuditScreen';
import { GuidesScreen } from '../features/admin/GuidesScreen';
import { RestrictionsScreen } from '../features/admin/RestrictionsScreen';
import { ReviewRulesScreen } from '../features/admin/ReviewRulesScreen';
import { SettingsScreen } from '../features/admin/SettingsScreen';
import { StaffListScreen } from '../features/admin/StaffListScreen';
import { StaffMemberScreen } from '../features/admin/StaffMemberScreen';
import { AddStaffScreen } from '../features/admin/AddStaffScreen';
import { AdminHomeScreen } from '../features/admin/AdminHomeScreen';
import { ChangePasswordScreen } from '../features/auth/ChangePasswordScreen';
import { LockedScreen } from '../features/auth/LockedScreen';
import { LogInScreen } from '../features/auth/LogInScreen';
import { UnavailableScreen } from '../features/auth/UnavailableScreen';
import { BackupsScreen } from '../features/backups/BackupsScreen';
import { RestoreBackupScreen } from '../features/backups/RestoreBackupScreen';
import { BudgetScreen } from '../features/budgets/BudgetScreen';
import { BatchExportScreen } from '../features/exports/BatchExportScreen';
import { ImportPeopleScreen } from '../features/import/ImportPeopleScreen';
import { AddPersonScreen } from '../features/people/AddPersonScreen';
import { CaseloadScreen } from '../features/people/CaseloadScreen';
import { forgetCaseload } from '../features/people/caseload/caseload-store';
import { PersonScreen } from '../features/people/PersonScreen';
import { CloseRecordScreen } from '../features/people/record/CloseRecordScreen';
import { CommunicationNeedsScreen } from '../features/people/record/CommunicationNeedsScreen';
import { ContactScreen, RemoveContactScreen } from '../features/people/record/ContactScreen';
import { EditDetailsScreen } from '../features/people/record/EditDetailsScreen';
import { EligibilityScreen } from '../features/people/record/EligibilityScreen';
import { PersonRecord } from '../features/people/record/PersonRecord';
import { PlanRoutes } from '../features/plans/PlanRoutes';
import { OutcomesScreen } from '../features/reviews/OutcomesScreen';
import { ReviewScreen } from '../features/reviews/ReviewScreen';
import { WorklistScreen } from '../features/reviews/WorklistScreen';
import { RecoveryCodeScreen } from '../features/setup/RecoveryCodeScreen';
import { ConnectScreen } from '../features/social-prescribing/ConnectScreen';
import { DirectoryEntryScreen } from '../features/social-prescribing/DirectoryEntryScreen';
import { DirectoryImportScreen } from '../features/social-prescribing/DirectoryImportScreen';
import { DirectoryScreen } from '../features/social-prescribing/DirectoryScreen';
import { DischargeSummaryScreen } from '../features/social-prescribing/DischargeSummaryScreen';
import { LogContactScreen } from '../features/social-prescribing/LogContactScreen';
import { NewReferralScreen } from '../features/social-prescribing/NewReferralScreen';
import { ReferralInboxScreen } from '../features/social-prescribing/ReferralInboxScreen';
import { ReferralScreen } from '../features/social-prescribing/ReferralScreen';
import { SocialPrescribingReportScreen } from '../features/social-prescribing/SocialPrescribingReportScreen';
import { SocialPrescribingSettingsScreen } from '../features/social-prescribing/SocialPrescribingSettingsScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { AppStateProvider, useAppState } from './app-state';
import { saveAllDrafts } from './drafts';
import { useHashFollowsHistory } from './history-sync';
import { useIdleLock } from './idle-lock';
import { Main } from './Main';
import { NotFoundScreen } from './NotFoundScreen';

export function App() {
  useHashFollowsHistory();
  return (
    <AppStateProvider>
      <Router hook={useHashLocation}>
        <Screens />
      </Router>
    </AppStateProvider>
  );
}

/** Which screen shows is decided by the main process's answer to app.status, never by the page. */
function Screens() {
  const { status, loadError, refresh } = useAppState();
  // The recovery code is shown once, straight after set-up; it is never sent again.
  const [newRecoveryCode, setNewRecoveryCode] = useState<string | null>(null);

  if (!status) {
    return (
      <>
        <Header practiceName="" />
        <Main>
          <p className="nhsuk-body" role="status">
            {loadError ?? 'Opening PlanWell…'}
          </p>
        </Main>
      </>
    );
  }

  switch (status.state) {
    case 'needs-setup':
      return (
        <>
          <Header practiceName="" />
          <Switch>
            {/* A new computer for a practice that already uses PlanWell starts from its backup. */}
            <Route path="/restore">
              <RestoreBackupScreen onNewMachine />
            </Route>
            <Route>
              <SetupScreen onSetUp={(code) => { setNewRecoveryCode(code); void refresh(); }} />
            </Route>
          </Switch>
        </>
      );
    case 'unavailable':
      return (
        <>
          <Header practiceName="" />
          <Switch>
            <Route path="/restore">
              <RestoreBackupScreen onNewMachine />
            </Route>
            <Route>
              <UnavailableScreen message={status.message} />
            </Route>
          </Switch>
        </>
      );
    case 'signed-out':
      return (
        <>
          <Header practiceName={status.practiceName} />
          <LogInScreen practiceName={status.practiceName} />
        </>
      );
    case 'locked':
      return (
        <>
          <Header practiceName={status.practiceName} />
          <LockedScreen user={status.user} />
        </>
      );
    case 'signed-in':
      return <SignedIn status={status} newRecoveryCode={newRecoveryCode} onRecoveryCodeStored={() => { setNewRecoveryCode(null); void refresh(); }} />;
  }
}

type SignedInState = Extract<AppState, { state: 'signed-in' }>;

function SignedIn({ status, newRecoveryCode, onRecoveryCodeStored }: { status: SignedInState; newRecoveryCode: string | null; onRecoveryCodeStored: () => void }) {
  const { refresh } = useAppState();
  const lock = useCallback(async () => {
    // Whatever is half-typed is kept as a draft before the database closes.
    await saveAllDrafts();
    await invoke('auth.lock', {});
    await refresh();
  }, [refresh]);
  const logOut = async () => {
    await invoke('auth.logOut', {});
    // Nobody's details stay in the page after log-out.
    forgetCaseload();
    window.location.hash = '#/';
    await refresh();
  };
  useIdleLock(status.idleLockMinutes, lock);
  const can = (permission: Permission) => status.permissions.includes(permission);
  const guarded = (permission: Permission, screen: ReactNode) => (can(permission) ? screen : <NotAllowedScreen />);

  let body: ReactNode;
  if (status.mustChangePassword) body = <ChangePasswordScreen firstLogIn onChanged={() => void refresh()} />;
  else if (!status.recoveryCodeConfirmed) body = <RecoveryCodeScreen recoveryCode={newRecoveryCode} onConfirmed={onRecoveryCodeStored} />;
  else {
    body = (
      <Switch>
        <Route path="/">{can('people:read') ? <CaseloadScreen /> : <AdminHomeScreen />}</Route>
        <Route path="/exports">{guarded('people:read', <BatchExportScreen />)}</Route>
        <Route path="/reviews">{guarded('people:read', <WorklistScreen />)}</Route>
        <Route path="/referrals">{guarded('people:read', <ReferralInboxScreen />)}</Route>
        <Route path="/directory">{guarded('people:read', <DirectoryScreen />)}</Route>
        <Route path="/directory/new">{guarded('people:write', <DirectoryEntryScreen key="new" />)}</Route>
        <Route path="/directory/import">{guarded('people:write', <DirectoryImportScreen />)}</Route>
        <Route path="/directory/:entryId">{(params) => guarded('people:read', <DirectoryEntryScreen key={params.entryId} entryId={params.entryId} />)}</Route>
        <Route path="/reports/social-prescribing">{guarded('people:read', <SocialPrescribingReportScreen />)}</Route>
        <Route path="/people/new">{guarded('people:write', <AddPersonScreen />)}</Route>
        <Route path="/people/import">{guarded('people:write', <ImportPeopleScreen />)}</Route>
        <Route path="/people/:id" nest>
          {(params) =>
            guarded(
              'people:read',
              // One record held for all of a person's screens: opening it is audited once.
              <PersonRecord personId={params.id}>
                <Switch>
                  <Route path="/">
                    <PersonScreen />
                  </Route>
                  <Route path="/details">{guarded('people:write', <EditDetailsScreen key="personal" section="personal" />)}</Route>
                  <Route path="/contact-details">{guarded('people:write', <EditDetailsScreen key="contact" section="contact" />)}</Route>
                  <Route path="/sharing">{guarded('people:write', <EditDetailsScreen key="sharing" section="sharing" />)}</Route>
                  <Route path="/worker">{guarded('people:write', <EditDetailsScreen key="worker" section="worker" />)}</Route>
                  <Route path="/communication">{guarded('people:write', <CommunicationNeedsScreen />)}</Route>
                  <Route path="/eligibility">{guarded('people:write', <EligibilityScreen />)}</Route>
                  <Route path="/contacts/new">{guarded('people:write', <ContactScreen key="new" />)}</Route>
                  <Route path="/contacts/:contactId/remove">
                    {(contact) => guarded('people:write', <RemoveContactScreen contactId={contact.contactId} />)}
                  </Route>
                  <Route path="/contacts/:contactId">
                    {(contact) => guarded('people:write', <ContactScreen key={contact.contactId} contactId={contact.contactId} />)}
                  </Route>
                  <Route path="/close">{guarded('people:write', <CloseRecordScreen />)}</Route>
                  <Route path="/budget">
                    <BudgetScreen />
                  </Route>
                  <Route path="/review">{guarded('people:write', <ReviewScreen />)}</Route>
                  <Route path="/outcomes">
                    <OutcomesScreen />
                  </Route>
                  <Route path="/referrals/new">{guarded('people:write', <NewReferralScreen />)}</Route>
                  <Route path="/referrals/:referralId/contacts/new">
                    {(referral) => guarded('people:write', <LogContactScreen referralId={referral.referralId} />)}
                  </Route>
                  <Route path="/referrals/:referralId/connect">
                    {(referral) => guarded('people:write', <ConnectScreen referralId={referral.referralId} />)}
                  </Route>
                  <Route path="/referrals/:referralId/summary">{(referral) => <DischargeSummaryScreen referralId={referral.referralId} />}</Route>
                  <Route path="/referrals/:referralId">{(referral) => <ReferralScreen key={referral.referralId} referralId={referral.referralId} />}</Route>
                  <Route path="/plan" nest>
                    <PlanRoutes writable={(screen) => guarded('people:write', screen)} />
                  </Route>
                  <Route>
                    <Redirect to="/" replace />
                  </Route>
                </Switch>
              </PersonRecord>,
            )
          }
        </Route>
        <Route path="/staff">{guarded('staff:manage', <StaffListScreen />)}</Route>
        <Route path="/staff/new">{guarded('staff:manage', <AddStaffScreen />)}</Route>
        <Route path="/staff/:id">{(params) => guarded('staff:manage', <StaffMemberScreen userId={params.id} />)}</Route>
        <Route path="/settings">{guarded('settings:manage', <SettingsScreen />)}</Route>
        <Route path="/settings/guides">{guarded('settings:manage', <GuidesScreen />)}</Route>
        <Route path="/settings/restrictions">{guarded('settings:manage', <RestrictionsScreen />)}</Route>
        <Route path="/settings/review-rules">{guarded('settings:manage', <ReviewRulesScreen />)}</Route>
        <Route path="/settings/social-prescribing">{guarded('settings:manage', <SocialPrescribingSettingsScreen />)}</Route>
        <Route path="/settings/backups">{guarded('settings:manage', <BackupsScreen />)}</Route>
        <Route path="/settings/backups/restore">{guarded('settings:manage', <RestoreBackupScreen onNewMachine={false} />)}</Route>
        <Route path="/audit">{guarded('audit:read', <AuditScreen />)}</Route>
        <Route path="/account/password">
          <ChangePasswordScreen firstLogIn={false} onChanged={() => { window.location.hash = '#/'; }} />
        </Route>
        <Route component={NotFoundScreen} />
      </Switch>
    );
  }
  return (
    <>
      <Header
        practiceName={status.practiceName}
        user={status.user}
        permissions={status.mustChangePassword ? [] : status.permissions}
        onLock={() => void lock()}
        onLogOut={() => void logOut()}
      />
      {body}
    </>
  );
}

function NotAllowedScreen() {
  return (
    <Main>
      <h1>You do not have access to this page</h1>
      <p>Your role in PlanWell does not include this. Ask your practice manager if you need it.</p>
    </Main>
  );
}
