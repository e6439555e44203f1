import { useState } from 'react';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';

interface RecoveryCodeScreenProps {
  /** The code, if it was just made; null after a restart, when a new one must be made. */
  recoveryCode: string | null;
  onConfirmed: () => void;
}

/**
 * The recovery code is the only way back in if every administrator password is lost, so the
 * practice must confirm it has stored it before PlanWell can be used.
 */
export function RecoveryCodeScreen({ recoveryCode, onConfirmed }: RecoveryCodeScreenProps) {
  usePageTitle('Store your recovery code');
  const [code, setCode] = useState<string | null>(recoveryCode);
  const [stored, setStored] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const makeNewCode = async () => {
    setBusy(true);
    const result = await invoke('setup.replaceRecoveryCode', {});
    setBusy(false);
    if (result.ok) setCode(result.value.recoveryCode);
    else setError(result.error.message);
  };

  const confirm = async () => {
    if (!stored) {
      setError('Confirm that you have stored the recovery code somewhere safe');
      return;
    }
    setBusy(true);
    const result = await invoke('setup.confirmRecoveryCode', {});
    setBusy(false);
    if (result.ok) onConfirmed();
    else setError(result.error.message);
  };

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={error ? [{ fieldId: code ? 'stored' : undefined, message: error }] : []} />
          <h1>Store your recovery code</h1>
          {code ? (
            <>
              <p>
                If every administrator forgets their password, this code is the only way to open your practice&apos;s
                data. PlanWell will not show it again.
              </p>
              <p className="app-recovery-code" data-testid="recovery-code">
                {code}
              </p>
              <div className="nhsuk-inset-text">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <p>
                  Print this page or write the code down, and keep it somewhere safe away from this computer, such as the
                  practice safe. Do not save it on this computer or send it by email.
                </p>
              </div>
              <button type="button" className="nhsuk-button nhsuk-button--secondary app-no-print" onClick={() => window.print()}>
                Print this page
              </button>
              <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''} app-no-print`}>
                <div className="nhsuk-checkboxes">
                  <div className="nhsuk-checkboxes__item">
                    <input
                      className="nhsuk-checkboxes__input"
                      id="stored"
                      type="checkbox"
                      checked={stored}
                      onChange={(event) => { setStored(event.target.checked); setError(null); }}
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="stored">
                      I have printed or written down the recovery code and stored it somewhere safe
                    </label>
                  </div>
                </div>
              </div>
              <button type="button" className="nhsuk-button app-no-print" disabled={busy} onClick={() => void confirm()}>
                Continue
              </button>
            </>
          ) : (
            <>
              <p>
                PlanWell was set up, but nobody confirmed that the recovery code was stored. The old code can no longer
                be shown. Make a new one now; the old one will stop working.
              </p>
              <button type="button" className="nhsuk-button" disabled={busy} onClick={() => void makeNewCode()}>
                Make a new recovery code
              </button>
            </>
          )}
        </div>
      </div>
    </Main>
  );
}
