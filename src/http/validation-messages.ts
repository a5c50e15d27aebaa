// Validation failures in words: what a field expects ("name must be 3 to 32
// characters: letters, digits, _ . -"), built from the schema that refused it,
// instead of the validator's own text ("must NOT have fewer than 3 characters").
// A schema may say it itself with `x-expects` where its rules need words (a pattern).

export interface ValidationItem {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
  /** The schema of the value that failed (the validator runs with `verbose`). */
  parentSchema?: Record<string, unknown>;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function lengthWords(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return min === max ? `${min} ${unit}` : `${min} to ${max} ${unit}`;
  if (max !== undefined) return `at most ${max} ${unit}`;
  if (min !== undefined) return `at least ${min} ${unit}`;
  return '';
}

/** "must be …" for a schema: its `x-expects`, or words for its type and bounds. */
export function expects(schema: Record<string, unknown> | undefined): string | undefined {
  if (!schema) return undefined;
  if (typeof schema['x-expects'] === 'string') return `must be ${schema['x-expects']}`;
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'email') return 'must be an email address';
      if (schema.format === 'date-time') return 'must be an ISO-8601 time';
      const length = lengthWords(num(schema.minLength), num(schema.maxLength), 'characters');
      return length ? `must be ${length}` : 'must be text';
    }
    case 'integer':
    case 'number': {
      const [min, max] = [num(schema.minimum), num(schema.maximum)];
      const kind = schema.type === 'integer' ? 'a whole number' : 'a number';
      if (min !== undefined && max !== undefined) return `must be ${kind} from ${min} to ${max}`;
      return `must be ${kind}`;
    }
    case 'boolean':
      return 'must be true or false';
    case 'array': {
      const items = lengthWords(num(schema.minItems), num(schema.maxItems), 'items');
      const of = expects(schema.items as Record<string, unknown> | undefined);
      return `must be a list${items ? ` of ${items}` : ''}${of ? `, each ${of.replace(/^must be /, '')}` : ''}`;
    }
    case 'object':
      return 'must be a JSON object';
    default:
      return undefined;
  }
}

function fieldOf(item: ValidationItem, context: string | undefined): string {
  const path = (item.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const extra = item.keyword === 'required' ? item.params?.missingProperty : item.keyword === 'additionalProperties' ? item.params?.additionalProperty : undefined;
  return [path, typeof extra === 'string' ? extra : ''].filter(Boolean).join('.') || (context ?? 'body');
}

function problemOf(item: ValidationItem): string {
  if (item.keyword === 'required') {
    const missing = item.params?.missingProperty;
    const properties = item.parentSchema?.properties as Record<string, Record<string, unknown>> | undefined;
    const rule = typeof missing === 'string' ? expects(properties?.[missing]) : undefined;
    return rule ? `is required and ${rule}` : 'is required';
  }
  if (item.keyword === 'additionalProperties') return 'is not a field of this request';
  return expects(item.parentSchema) ?? item.message ?? 'is invalid';
}

/** One problem per field, in the order the validator found them. */
export function fieldProblems(items: ValidationItem[], context: string | undefined): FieldProblem[] {
  const byField = new Map<string, string>();
  for (const item of items) {
    const field = fieldOf(item, context);
    if (!byField.has(field)) byField.set(field, problemOf(item));
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

/** `name must be …; email must be an email address`. */
export function problemSentence(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field} ${p.message}`).join('; ');
}
