import { useState } from 'react';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { invoke } from '../api/client';
import { Header } from '../components/Header';
import { RecoveryCodeScreen } from '../features/setup/RecoveryCodeScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { LockedScreen } from '../features/auth/LockedScreen';
import { LogInScreen } from '../features/auth/LogInScreen';
import { UnavailableScreen } from '../features/auth/UnavailableScreen';
import { AddPersonScreen } from '../features/people/AddPersonScreen';
import { CaseloadScreen } from '../features/people/CaseloadScreen';
import { PersonScreen } from '../features/people/PersonScreen';
import { NotFoundScreen } from './NotFoundScreen';
import { AppStateProvider, useAppState } from './app-state';
import { Main } from './Main';

export function App() {
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
          <SetupScreen onSetUp={(code) => { setNewRecoveryCode(code); void refresh(); }} />
        </>
      );
    case 'unavailable':
      return (
        <>
          <Header practiceName="" />
          <UnavailableScreen message={status.message} />
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
    case 'signed-in': {
      const lock = async () => { await invoke('auth.lock', {}); await refresh(); };
      const logOut = async () => { await invoke('auth.logOut', {}); await refresh(); };
      return (
        <>
          <Header practiceName={status.practiceName} user={status.user} onLock={() => void lock()} onLogOut={() => void logOut()} />
          {status.recoveryCodeConfirmed ? (
            <Switch>
              <Route path="/" component={CaseloadScreen} />
              <Route path="/people/new" component={AddPersonScreen} />
              <Route path="/people/:id">{(params) => <PersonScreen personId={params.id} />}</Route>
              <Route component={NotFoundScreen} />
            </Switch>
          ) : (
            <RecoveryCodeScreen
              recoveryCode={newRecoveryCode}
              onConfirmed={() => { setNewRecoveryCode(null); void refresh(); }}
            />
          )}
        </>
      );
    }
  }
}
