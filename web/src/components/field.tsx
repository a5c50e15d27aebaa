// A labelled input: the label is the control's accessible name.
import { useId, type InputHTMLAttributes } from 'react';

export function Field({ label, hint, ...input }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
    </div>
  );
}

/** An error or a notice in words, announced to screen readers. */
export function Status({ error, notice }: { error?: string | null; notice?: string | null }) {
  if (error) return <p className="error" role="alert">{error}</p>;
  if (notice) return <p className="notice" role="status">{notice}</p>;
  return null;
}
