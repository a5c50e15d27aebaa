// Turns whatever a command threw into a CliError whose one line names the cause.
import { ChatApiError } from '../sdk/index.js';
import { CliError } from './errors.js';

export interface ErrorContext {
  server: string;
  /** Called when the server refused the stored token, before the error is shown. */
  onSignedOut?(): void;
}

export function toCliError(err: unknown, ctx: ErrorContext): CliError {
  if (err instanceof CliError) return err;
  if (!(err instanceof ChatApiError)) return new CliError(`unexpected error: ${err instanceof Error ? err.message : String(err)}`, 'internal');
  if (err.status === 0) return unreachable(ctx.server);
  if (err.status === 401 && err.code === 'unauthorized' && ctx.onSignedOut) {
    ctx.onSignedOut();
    return signedOut(ctx.server);
  }
  switch (err.code) {
    case 'rate_limited':
      return new CliError(`the server is limiting requests; try again${err.retryAfter ? ` in ${err.retryAfter} s` : ' later'}`, err.code);
    case 'unavailable':
      return new CliError(`the server at ${ctx.server} is unavailable right now: ${lower(err.message)}`, err.code);
    case 'invalid_request': {
      // The server says what each field expects: `name must be 3 to 32 characters: …`.
      const detail = err.details?.[0];
      return new CliError(detail ? `${detail.field} ${detail.message}` : lower(err.message), err.code);
    }
    default:
      return new CliError(lower(err.message), err.code);
  }
}

export function unreachable(server: string): CliError {
  return new CliError(`cannot reach the server at ${server} (is it running? choose another with --server or CHAT_SERVER)`, 'server_unreachable');
}

export function signedOut(server: string): CliError {
  return new CliError(`signed out: this device's session on ${server} has ended (signed out or revoked elsewhere); sign in again with: chat login NAME_OR_EMAIL`, 'signed_out');
}

/** The given API error code, as a CliError with this message; anything else rethrown. */
export function rethrowAs(err: unknown, code: string, message: string): never {
  if (err instanceof ChatApiError && err.code === code) throw new CliError(message, code);
  throw err;
}

function lower(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
