// Validates a parsed case file against CASE_SCHEMA: the handful of JSON Schema keywords the schema
// uses (type, properties, required, additionalProperties, propertyNames, items, enum, pattern,
// minimum, maximum, oneOf). A full validator (ajv) would be a dependency for forty lines' work;
// the messages here name the case file's path to the bad value, which is what a person needs.
import type { Schema } from './case-schema';

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: NonNullable<Schema['type']>, v: unknown): boolean {
  const t = typeOf(v);
  return t === want || (want === 'number' && t === 'integer');
}

/** The problems of `value` against `schema`, each "path: what is wrong"; empty when it is valid. */
export function checkSchema(schema: Schema, value: unknown, path = ''): string[] {
  const at = path || '(top level)';
  if (schema.oneOf) {
    const fits = schema.oneOf.map((s) => checkSchema(s, value, path));
    if (fits.some((e) => e.length === 0)) return [];
    // The alternative of the right type says best what is wrong.
    const typed = schema.oneOf.findIndex((s) => s.type && typeMatches(s.type, value));
    return typed >= 0 ? fits[typed] : [`${at}: expected ${schema.oneOf.map((s) => s.type ?? 'value').join(' or ')}, got ${typeOf(value)}`];
  }
  if (schema.type && !typeMatches(schema.type, value)) return [`${at}: expected ${schema.type}, got ${typeOf(value)}`];
  if (schema.enum && !schema.enum.includes(value as string | number)) return [`${at}: expected one of ${schema.enum.join(', ')}, got ${JSON.stringify(value)}`];
  const errors: string[] = [];
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${at}: "${value}" does not match ${schema.pattern}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: ${value} is below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: ${value} is above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...checkSchema(schema.items as Schema, v, `${path}[${i}]`)));
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${at}: missing "${key}"`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = path ? `${path}.${key}` : key;
      if (schema.propertyNames) errors.push(...checkSchema(schema.propertyNames, key, `${sub} (name)`));
      const known = schema.properties?.[key];
      if (known) errors.push(...checkSchema(known, v, sub));
      else if (schema.additionalProperties === false) errors.push(`${sub}: unknown field${schema.properties ? ` (known: ${Object.keys(schema.properties).join(', ')})` : ''}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...checkSchema(schema.additionalProperties, v, sub));
    }
  }
  return errors;
}
