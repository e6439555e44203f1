import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
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
const fields = ['idleLockMinutes'] as const;

export function SettingsScreen() {
  usePageTitle('Settings');
  const { refresh } = useAppState();
  const [settings, setSettings] = useState<PracticeSettings | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, setError, formState, reset } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(settingsSchema),
    defaultValues: { idleLockMinutes: 10 },
  });
  const { errors, isSubmitting } = formState;

  useEffect(() => {
    void invoke('settings.get', {}).then((result) => {
      if (result.ok) {
        setSettings(result.value);
        reset({ idleLockMinutes: result.value.idleLockMinutes });
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
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              Save settings
            </button>
          </form>
        </div>
      </div>
    </Main>
  );
}
