// The original API (/api/*) as the OpenAPI document shows it. These routes take
// their fields from a form, a JSON body or the query string and check them
// themselves (legacy.ts), so their schemas here only document; they validate nothing.
import { Type, type TSchema } from '@sinclair/typebox';
import type { SwaggerTransform } from '@fastify/swagger';

const tags = ['original API'];
const Refusal = Type.Object({ message: Type.String({ description: 'What went wrong, in words' }) });
const Done = Type.Object({ message: Type.String({ description: 'What was done, in words' }) });

const fields = (properties: Record<string, TSchema>, example: Record<string, string>) => Type.Object(properties, { examples: [example] });
const name = Type.String({ description: 'User name: 3-32 characters of A-Z a-z 0-9 _ . -' });
const gmail = Type.String({ description: 'Email address (any provider, despite the name)' });
const password = Type.String({ description: '8-256 characters' });
const nameDevices = Type.String({ description: 'A device name of the account: in this API it is the bearer secret, so pick it as you would a password' });

const FORMS = ['application/x-www-form-urlencoded', 'application/json'];

interface LegacyDoc {
  summary: string;
  description: string;
  body: TSchema;
  response: Record<number, TSchema & { description?: string }>;
}

const refusal = (description: string) => ({ ...Refusal, description });

const DOCS: Record<string, LegacyDoc> = {
  '/api/regist': {
    summary: 'Register an account',
    description: 'Creates a v1 account too: sign in with either API afterwards.',
    body: fields({ name, gmail, password }, { name: 'user1', gmail: 'user1@gmail.com', password: 'password1' }),
    response: { 200: { ...Done, description: 'Registered' }, 400: refusal('A field is missing or invalid, or the name or email is taken'), 429: refusal('Too many registrations from this address') },
  },
  '/api/user': {
    summary: 'Log in and register name_devices as a device of the account',
    description: 'Logging in again with the same device name is 200 too. The device is a v1 device as well (GET /v1/devices lists it).',
    body: fields({ name, gmail, password, name_devices: nameDevices }, { name: 'user1', gmail: 'user1@gmail.com', password: 'password1', name_devices: 'device1' }),
    response: {
      200: { ...Done, description: 'Logged in' },
      400: refusal('A field is missing or invalid'),
      401: refusal('Wrong name, gmail or password'),
      409: refusal('The device name is held by another account'),
      429: refusal('Too many login attempts'),
    },
  },
  '/api/send_message': {
    summary: 'Send a direct message from a device to a user',
    description: 'The message is a v1 message in the direct conversation of the two users; sending to yourself is allowed.',
    body: fields({ name: Type.String({ description: 'The recipient\'s user name' }), message: Type.String({ description: '1-4096 characters' }), name_devices: nameDevices }, { name: 'user1', message: 'Hello', name_devices: 'device1' }),
    response: {
      200: { ...Done, description: 'Sent' },
      400: refusal('A field is missing'),
      401: refusal('Unknown device: log in with /api/user first'),
      404: refusal('No user of that name'),
      413: refusal('The message is longer than 4096 characters'),
    },
  },
  '/api/get_messages': {
    summary: 'The messages the device\'s account received, oldest first',
    description: 'The original client sends this GET with its field in a form body; the query string works too. Expired messages are never listed.',
    body: fields({ name_devices: nameDevices }, { name_devices: 'device1' }),
    response: {
      200: Type.Array(Type.Object({ name_sender: Type.String(), message: Type.String(), timestamp: Type.String({ description: 'ISO-8601 UTC time' }) }), { description: 'The messages ([] when none)' }),
      400: refusal('The field is missing'),
      401: refusal('Unknown device: log in with /api/user first'),
    },
  },
  '/api/search': {
    summary: 'Find users whose name contains the text (any case)',
    description: 'Answers at most 50 names.',
    body: fields({ name: Type.String({ description: 'Part of a user name' }) }, { name: 'user' }),
    response: {
      200: Type.Object({ users: Type.Array(Type.Object({ name: Type.String() })) }, { description: 'The users found (an empty list when none)' }),
      400: refusal('The field is missing or empty'),
    },
  },
};

/** The documented operation of one original endpoint (its one method; the other it also answers stays out of the document). */
export function legacyDocs(url: string): SwaggerTransform {
  const doc = DOCS[url];
  if (!doc) throw new Error(`no documentation for ${url}`);
  const schema = { tags, summary: doc.summary, description: `${doc.description} Fields may come as a form, a JSON body or the query string.`, consumes: FORMS, body: doc.body, response: doc.response };
  return (({ url: routeUrl }: { url: string }) => ({ schema, url: routeUrl })) as unknown as SwaggerTransform;
}
