// Bearer token -> request.auth (the caller's user and device).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Accounts } from '../domain/accounts.js';
import { AppError } from '../domain/errors.js';
import type { Session } from '../domain/ports/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Session | null;
  }
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

/** An onRequest hook (before body parsing and validation) that refuses requests without a valid token. */
export function requireAuth(accounts: Accounts) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    const session = token ? await accounts.authenticate(token) : null;
    if (!session) throw new AppError('unauthorized', token ? 'The token is not valid (signed out or revoked)' : 'Send Authorization: Bearer <token>');
    request.auth = session;
  };
}

/** The session of a request that passed requireAuth. */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.auth) throw new AppError('unauthorized', 'Not signed in');
  return request.auth;
}
