import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import type { z } from 'zod';
import { settingsSchema, type PracticeSettings } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { useAppState } from '../../app/app-state';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';

type FormInput = z.input<typeof settingsSchema>;
type FormOutput = z.output<typeof settingsSchema>;
const fields = ['idleLockMinutes', 'unspentAlertMonths'] as const;

export function SettingsScreen() {
  usePageTitle('Settings');
  const { refresh } = useAppState();
  const [settings, setSettings] = useState<PracticeSettings | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, setError, formState, reset } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(settingsSchema),
  });
  const { errors, isSubmitting } = formState;

  useEffect(() => {
    void invoke('settings.get', {}).then((result) => {
      if (result.ok) {
        setSettings(result.value);
        reset({ idleLockMinutes: result.value.idleLockMinutes, unspentAlertMonths: result.value.unspentAlertMonths });
      } else {
        setFormMessage(result.error.message);
      }
    });
  }, [reset]);

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    setSaved(false);
    const result = await invoke('settings.update', values);
    if (result.ok) {
      setSettings(result.value);
      setSaved(true);
      await refresh();
    } else {
      setFormMessage(applyServerError(result.error, fields, setError));
    }
  });

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
          {saved ? (
            <Notice>Settings saved.</Notice>
          ) : null}
          <h1>Settings</h1>
          {settings ? (
            <p>
              {settings.practiceName}
              {settings.odsCode ? ` (ODS code ${settings.odsCode})` : ''}
            </p>
          ) : null}
          {/* Shown once the saved settings are in it: typed before they arrived, a value would be overwritten or a default saved. */}
          {settings ? (
            <form noValidate onSubmit={(event) => void submit(event)}>
              <TextField
                id="idleLockMinutes"
                type="number"
                inputMode="numeric"
                min={1}
                max={60}
                width={3}
                label="Lock PlanWell after this many minutes without use"
                hint="Between 1 and 60 minutes. Shorter is safer on shared computers. Unsaved work is kept as a draft."
                error={errors.idleLockMinutes?.message}
                registration={register('idleLockMinutes', { valueAsNumber: true })}
              />
              <TextField
                id="unspentAlertMonths"
                type="number"
                inputMode="numeric"
                min={1}
                max={12}
                width={3}
                label="Warn about unspent personal health budget money after this many months of planned spending"
                hint="Between 1 and 12 months. Unspent money building up is a reason to review a budget. PlanWell suggests 3."
                error={errors.unspentAlertMonths?.message}
                registration={register('unspentAlertMonths', { valueAsNumber: true })}
              />
              <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
                Save settings
              </button>
            </form>
          ) : formMessage ? null : (
            <p role="status">Loading the settings…</p>
          )}
          <h2>Conversation guides</h2>
          <p>The steps and prompts workers follow in conversations about what matters to someone.</p>
          <p>
            <Link href="/settings/guides">See and add conversation guides</Link>
          </p>
          <h2>Personal health budgets</h2>
          <p>What a personal health budget cannot buy: support that matches is flagged until a worker records why it is right.</p>
          <p>
            <Link href="/settings/restrictions">See and change what a budget cannot buy</Link>
          </p>
          <h2>Reviews</h2>
          <p>How soon plans and budgets must be reviewed after they are agreed, and after each review.</p>
          <p>
            <Link href="/settings/review-rules">See and change when reviews fall due</Link>
          </p>
          <h2>Social prescribing</h2>
          <p>The SNOMED CT code recorded for each referral status, the reasons a referral can give and the directory&apos;s categories.</p>
          <p>
            <Link href="/settings/social-prescribing">See and change social prescribing codes and lists</Link>
          </p>
          <h2>Backups</h2>
          <p>Where backups are kept and how many, a backup made now, and restoring a backup.</p>
          <p>
            <Link href="/settings/backups">See backups and change where they go</Link>
          </p>
        </div>
      </div>
    </Main>
  );
}
