// A rule's answer: null allows, an AppError says why not. Rules build the
// refusal and never throw, so a rule is a plain function of the facts it is
// given; the caller (a store, inside its transaction) enforces the verdict.
import { AppError } from '../errors.js';

export type Verdict = AppError | null;

export const allow: Verdict = null;

/** Throws the refusal, if any: for the store, right before it writes. */
export function enforce(verdict: Verdict): void {
  if (verdict) throw verdict;
}
