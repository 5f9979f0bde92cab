// Writes schemas/vdm86-case.schema.json from src/testing/case-schema.ts (test/runner checks the
// committed file is current): `npx tsx scripts/case-schema.mjs`.
import { writeFileSync } from 'node:fs';
import { CASE_SCHEMA } from '../src/testing/case-schema.ts';

writeFileSync(new URL('../schemas/vdm86-case.schema.json', import.meta.url), JSON.stringify(CASE_SCHEMA, null, 2) + '\n');
