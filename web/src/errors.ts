// An API failure in the user's words.
import { ChatApiError } from '../../src/sdk/index.js';
import type { Translate } from './i18n/context.js';
import type { MessageKey } from './i18n/messages.js';

const BY_CODE: Record<string, MessageKey> = {
  network_error: 'errorNetwork',
  invalid_credentials: 'errorCredentials',
  name_taken: 'errorNameTaken',
  email_taken: 'errorEmailTaken',
  rate_limited: 'errorRateLimited',
  user_not_found: 'errorUserNotFound',
  payload_too_large: 'errorTooLong',
};

export function describeError(err: unknown, t: Translate): string {
  if (err instanceof ChatApiError) {
    const key = BY_CODE[err.code];
    if (key) return t(key);
    // Validation answers name the field and the rule: clearer than a generic line.
    return err.details?.length ? err.details.map((d) => `${d.field}: ${d.message}`).join('; ') : t('errorGeneric', { message: err.message });
  }
  return t('errorGeneric', { message: err instanceof Error ? err.message : String(err) });
}

export function isUnauthorized(err: unknown): boolean {
  return err instanceof ChatApiError && err.status === 401 && err.code === 'unauthorized';
}
