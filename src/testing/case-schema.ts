// The JSON schema of a `vdm86 test` case file, published as schemas/vdm86-case.schema.json for
// editors (YAML language servers read it from a `# yaml-language-server: $schema=` line) and used
// by schema-check.ts to validate every case file before it runs, so the two cannot disagree.

/** The subset of JSON Schema (2020-12) this file uses and schema-check.ts understands. */
export interface Schema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  enum?: (string | number)[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  oneOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
}

const text = (description: string): Schema => ({ type: 'string', description });

/** Text an expectation compares with: the text itself, a pattern, or a golden file. */
const textExpect: Schema = {
  oneOf: [
    text('the exact text (CR LF and LF compare equal)'),
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        text: text('the exact text (CR LF and LF compare equal)'),
        match: text('a JavaScript regular expression the text must match'),
        golden: text('a golden file (relative to the case file) holding the exact bytes; --update writes it'),
        absent: { type: 'boolean', description: 'files only: the file must not exist' },
      },
    },
  ],
};

const step: Schema = {
  type: 'object',
  additionalProperties: false,
  description: 'one interactive step: exactly one of wait, type, keys, screen',
  properties: {
    wait: text('wait until this text appears anywhere on the screen'),
    type: text('type this text (LF or CR is Enter)'),
    keys: {
      type: 'array',
      description: 'named keys: Enter, Esc, Tab, Backspace, Space, Up, Down, Left, Right, Home, End, PageUp, PageDown, Insert, Delete, F1-F12, a character, each with Shift-, Ctrl- or Alt- prefixes (Alt-X, Ctrl-C)',
      items: { type: 'string', pattern: '^((Shift|Ctrl|Alt)-)*.+$' },
    },
    screen: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      description: 'wait until a screen region (rows from `row`, columns from `col`) shows these lines',
      properties: {
        row: { type: 'integer', minimum: 0, maximum: 49 },
        col: { type: 'integer', minimum: 0, maximum: 79 },
        text: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      },
    },
    timeout: { type: 'number', minimum: 0, description: 'wait and screen: milliseconds of emulated time (default 5000)' },
  },
};

const caseProperties: Record<string, Schema> = {
  name: text('the case name (default: the file name, or the index in `cases`)'),
  program: text('the program: a host path relative to the case file, or a DOS path on a mapped drive (C:\\TOOLS\\X.EXE)'),
  args: { type: 'array', items: { type: 'string' } },
  drives: {
    type: 'object',
    description: 'drive letters to host folders (relative to the case file); each is copied into a fresh sandbox for the run. C: is an empty sandbox folder unless mapped',
    propertyNames: { type: 'string', pattern: '^[A-Za-z]:?$' },
    additionalProperties: { type: 'string' },
  },
  cwd: text('the starting directory, a DOS path (C:\\SRC)'),
  env: { type: 'object', additionalProperties: { type: 'string' } },
  stdin: text('keys typed before the program starts (LF or CR is Enter); the input then ends unless there are steps'),
  clock: text('"host" for the host clock, or the local date and time DOS starts at (YYYY-MM-DDTHH:MM:SS); default 1990-01-01T00:00:00 or --clock'),
  timeout: { type: 'number', minimum: 0, description: 'seconds of host time before the case fails (default 30 or --timeout)' },
  maxInstructions: { type: 'integer', minimum: 1 },
  memory: { type: 'integer', minimum: 64, maximum: 640, description: 'conventional memory in KB' },
  dosVersion: text('the DOS version programs are told, X.Y'),
  files: {
    type: 'object',
    description: 'files laid down before the run: a DOS-style path on C: (or L:\\path) to its text, or {from: host file relative to the case file}',
    additionalProperties: {
      oneOf: [
        { type: 'string' },
        { type: 'object', additionalProperties: false, required: ['from'], properties: { from: { type: 'string' } } },
      ],
    },
  },
  steps: { type: 'array', items: step },
  expect: {
    type: 'object',
    additionalProperties: false,
    properties: {
      exit: { type: 'integer', minimum: 0, maximum: 255, description: 'the DOS exit code (default 0 when reason is exit)' },
      reason: {
        enum: ['exit', 'input-exhausted', 'fault', 'instruction-limit', 'timeout', 'stopped', 'not-found', 'bad-program'],
        description: 'how the run ends (default exit)',
      },
      stdout: textExpect,
      files: { type: 'object', additionalProperties: textExpect },
      screen: text('a golden file (relative to the case file) with the final 80x25 text screen; --update writes it'),
    },
  },
};

/** The published schema: one case, or shared defaults plus a `cases` list. */
export const CASE_SCHEMA: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'vdm86 test case file',
  description: 'A case for `vdm86 test`: a DOS program, its input and what it must produce. A file holds one case, or defaults (any case field) and a `cases` list.',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...caseProperties,
    cases: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, properties: caseProperties },
    },
  },
};
