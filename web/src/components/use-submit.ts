// A form's submit: busy while it runs, then the notice it returns or the error in words.
import { useState, type FormEvent } from 'react';
import { describeError } from '../errors.js';
import { useI18n } from '../i18n/context.js';

export interface Outcome {
  error?: string;
  notice?: string;
}

export function useSubmit(run: () => Promise<string | void>) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setOutcome({});
    try {
      const notice = await run();
      setOutcome(notice ? { notice } : {});
    } catch (err) {
      setOutcome({ error: describeError(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return { outcome, busy, submit };
}
