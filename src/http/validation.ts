// Request validation. Query strings and path parameters arrive as text, so
// they are coerced to the schema's types ("50" -> 50); JSON bodies are not:
// {"name": true} is refused, not registered as the name "true".
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

function ajv(options: Options): Ajv {
  // verbose: each error carries the schema that refused it, which validation-messages.ts puts in words.
  const instance = new Ajv({ removeAdditional: false, useDefaults: true, allErrors: true, strict: false, verbose: true, ...options });
  addFormats.default(instance);
  return instance;
}

export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const forBodies = ajv({ coerceTypes: false });
  const forText = ajv({ coerceTypes: 'array' });
  return ({ schema, httpPart }) => (httpPart === 'body' ? forBodies : forText).compile(schema as object) as ReturnType<FastifySchemaCompiler<FastifySchema>>;
}
