/** A one-time password, shown once, to read out or hand over; the person replaces it at first log-in. */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  return (
    <div className="nhsuk-panel" role="status">
      <h2 className="nhsuk-panel__title">One-time password for {username}</h2>
      <p className="app-recovery-code" data-testid="one-time-password">
        {password}
      </p>
      <p>
        Give this to them in person. It works once: PlanWell asks them to choose their own password when they first log
        in. It will not be shown again.
      </p>
    </div>
  );
}
