// The original API (/api/*), mapped onto the same domain calls as v1, so messages
// cross between the two and retention applies to both. Answers keep the original
// shapes: {"message": ...} and lists of {name_sender, message, timestamp}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Limits } from '../contract/index.js';
import { AppError } from '../domain/errors.js';
import type { Session } from '../domain/ports/index.js';
import { closeIfBodyUnread, isClientAbort, toAppError } from './errors.js';
import { legacyDocs } from './openapi/legacy-docs.js';
import { hasUnreadBody, mergeFields, parseLegacyBody, readRawBody, type Fields } from './legacy-fields.js';
import type { Services } from './services.js';

declare module 'fastify' {
  interface FastifyRequest {
    legacyFields: Fields;
  }
}

const NAME_RE = /^[A-Za-z0-9_.-]{3,32}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function required(fields: Fields, ...names: string[]): string[] {
  const missing = names.filter((n) => !fields[n]?.trim());
  if (missing.length) throw new Refusal(400, `Missing field${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  return names.map((n) => fields[n]!);
}

/** Legacy statuses differ from v1's in places (API.md's legacy table); the seed's GUI reads 200 and 400. */
function legacyStatus(err: AppError): number {
  if (err.code === 'name_taken' || err.code === 'email_taken') return 400;
  if (err.code === 'payload_too_large' || err.code === 'rate_limited' || err.code === 'unavailable' || err.code === 'internal') return err.status;
  return err.status >= 500 ? 500 : err.status;
}

export async function legacyPlugin(app: FastifyInstance, { services, bodyLimit }: { services: Services; bodyLimit: number }): Promise<void> {
  const { accounts, messaging, store, limits } = services;
  // The seed's clients are not careful about content types: take every body as text and
  // let parseLegacyBody read it (forms included, so a JSON body labelled a form still reads).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('preValidation', async (request) => {
    const raw = request.method === 'GET' && hasUnreadBody(request) ? parseLegacyBody(await readRawBody(request, bodyLimit), request.headers['content-type']) : undefined;
    request.legacyFields = mergeFields(request, raw);
  });

  app.setErrorHandler((err, request, reply) => {
    closeIfBodyUnread(reply);
    if (isClientAbort(err)) {
      request.log.debug({ code: (err as { code?: string }).code }, 'the client aborted the request');
      return reply.code(400).send({ message: 'The request was aborted' });
    }
    if (err instanceof Refusal) return reply.code(err.status).send({ message: err.message });
    const appError = toAppError(err);
    if (appError.status >= 500) request.log.error({ err }, 'legacy request failed');
    if (appError.retryAfter !== undefined) reply.header('retry-after', String(appError.retryAfter));
    return reply.code(legacyStatus(appError)).send({ message: appError.message });
  });

  async function deviceSession(fields: Fields, request: FastifyRequest): Promise<Session> {
    const [deviceName] = required(fields, 'name_devices');
    // A device name is this API's bearer secret: guessing one is limited per address.
    const session = await limits.legacyDevice(request.ip, () => store.devices.findLegacy(deviceName!));
    if (!session) throw new Refusal(401, 'Unknown device: log in with /api/user first');
    return session;
  }

  // Each endpoint answers GET and POST alike (the original clients use both); the document shows its own method.
  const route = (method: 'GET' | 'POST', url: string, handler: (fields: Fields, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) => {
    for (const m of [method, method === 'GET' ? 'POST' : 'GET'] as const) {
      app.route({
        method: m,
        url,
        schema: { hide: true },
        config: m === method ? { swaggerTransform: legacyDocs(url) } : {},
        handler: (request, reply) => handler(request.legacyFields, request, reply),
      });
    }
  };

  // Other paths and methods under /api/ are refusals of this layer, so they answer in its shape too.
  app.all('/api/*', { schema: { hide: true } }, async (request) => {
    throw new Refusal(404, `No route ${request.method} ${request.url.split('?')[0]}`);
  });

  route('POST', '/api/regist', async (fields, request) => {
    const [name, email, password] = required(fields, 'name', 'gmail', 'password');
    if (!NAME_RE.test(name!)) throw new Refusal(400, 'Invalid name: 3-32 characters of A-Z a-z 0-9 _ . -');
    if (!EMAIL_RE.test(email!) || email!.length > 254) throw new Refusal(400, 'Invalid gmail: not an email address');
    if (password!.length < Limits.passwordMin || password!.length > Limits.passwordMax) throw new Refusal(400, 'Invalid password: 8-256 characters');
    await limits.register(request.ip, name!, email!);
    await accounts.register({ name: name!, email: email!, password: password! });
    return { message: `User ${name} registered` };
  });

  route('POST', '/api/user', async (fields, request) => {
    const [name, email, password, deviceName] = required(fields, 'name', 'gmail', 'password', 'name_devices');
    if (deviceName!.length > Limits.deviceNameMax) throw new Refusal(400, 'Invalid name_devices: at most 64 characters');
    const wrong = () => new AppError('invalid_credentials', 'Wrong name, gmail or password');
    const user = await limits.password(request.ip, await accounts.loginKey(name!), async () => {
      const found = await accounts.checkPassword(name!, password!).catch((err: unknown) => {
        throw toAppError(err).code === 'invalid_credentials' ? wrong() : err; // a database that is down is a 503, not a wrong password
      });
      if (found.name.toLowerCase() !== name!.toLowerCase() || found.email.toLowerCase() !== email!.toLowerCase()) throw wrong();
      return found;
    }, { signIn: true });
    const heldElsewhere = new Refusal(409, 'That device name is held by another account');
    const holder = await store.devices.findLegacy(deviceName!);
    if (holder && holder.user.id !== user.id) throw heldElsewhere;
    if (!holder) {
      try {
        await accounts.addDevice(user.id, deviceName!, deviceName!);
      } catch (err) {
        if (toAppError(err).code !== 'name_taken') throw err;
        // A concurrent login took the name first; if it was this account's, this login succeeds too.
        if ((await store.devices.findLegacy(deviceName!))?.user.id !== user.id) throw heldElsewhere;
      }
    }
    return { message: `Logged in as ${user.name} on ${deviceName}` };
  });

  route('POST', '/api/send_message', async (fields, request) => {
    const [to, body] = required(fields, 'name', 'message');
    const session = await deviceSession(fields, request);
    await limits.send(session.device.id);
    if ([...body!].length > Limits.bodyMax) throw new AppError('payload_too_large', 'The message is longer than 4096 characters');
    await messaging.send(session, { to: to!, body: body! });
    return { message: `Message sent to ${to}` };
  });

  route('GET', '/api/get_messages', async (fields, request) => {
    const session = await deviceSession(fields, request);
    accounts.touch(session, services.now());
    const items = await store.messages.legacyInbox(session.user.id, services.now());
    return items.map((m) => ({ name_sender: m.senderName, message: m.body, timestamp: new Date(m.createdAt).toISOString() }));
  });

  route('POST', '/api/search', async (fields) => {
    const query = fields.name?.trim();
    if (!query) throw new Refusal(400, 'Missing field: name');
    const users = await accounts.searchUsers(query, Limits.userSearchMax);
    return { users: users.map((u) => ({ name: u.name })) };
  });
}
