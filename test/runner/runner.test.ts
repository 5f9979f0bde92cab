// `vdm86 test` tested by being used: the runner's own suite (test/runner/cases) must pass, the
// failing suite (test/runner/failing) must fail in the documented ways, and --update, the
// reporters, --jobs, --shard, the fixed clock and the vdm86/testing helper do what they say.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';
import { runCli } from '../cli/helpers';
import { runSuite, type SuiteOptions } from '../../src/testing/runner';
import { parseClock } from '../../src/testing/clock';
import { parseKey } from '../../src/testing/keys';
import { parseShard, selectShard } from '../../src/testing/shard';
import { parseCases } from '../../src/testing/case';
import { CASE_SCHEMA } from '../../src/testing/case-schema';
import { junitReport, tapReport, jsonReport } from '../../src/testing/reporters';
import { screenDiff } from '../../src/testing/screen-diff';
import { runDosCase } from '../../src/testing/index';
import type { CaseOutcome } from '../../src/testing/run-case';

afterAll(cleanupTemps);

const CLOCK = parseClock('1990-01-01T00:00:00') as Date;
const suite = (paths: string[], more: Partial<SuiteOptions> = {}) =>
  runSuite({ paths, cwd: ROOT, jobs: 1, clock: CLOCK, caseTimeoutMs: 30000, ...more });
const byName = (list: CaseOutcome[]) => Object.fromEntries(list.map((o) => [o.name, o]));

describe('the runner suite (test/runner/cases)', () => {
  it('passes every case', async () => {
    const outcomes = await suite(['test/runner/cases']);
    expect(outcomes.length).toBeGreaterThanOrEqual(13);
    for (const o of outcomes) expect({ id: o.id, failures: o.failures }).toEqual({ id: o.id, failures: [] });
  });
});

describe('examples/ci (programs from roms/programs run through the runner)', () => {
  it('passes: SORT, GREP, FCOPY, and MAKE building a project with CC, LINK and SORT', async () => {
    const outcomes = await suite(['examples/ci'], { jobs: 2 });
    expect(outcomes.map((o) => o.name)).toContain('builds everything');
    for (const o of outcomes) expect({ id: o.id, failures: o.failures }).toEqual({ id: o.id, failures: [] });
  });
});

describe('the vdm86 test command', () => {
  it('prints a line per case and a summary, writes reports, runs shards in worker threads, and exits 0, 1 or 125', async () => {
    const out = tempDir('vdm86-runner-build-');
    await build({
      entryPoints: { cli: join(ROOT, 'bin/cli.ts'), 'testing-worker': join(ROOT, 'src/testing/worker.ts') },
      outdir: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['esbuild'],
      banner: { js: "import { createRequire as __vdm86_cr } from 'node:module'; const require = __vdm86_cr(import.meta.url);" },
      logLevel: 'silent',
    });
    const cli = join(out, 'cli.js');
    const report = join(out, 'r.xml');
    const ok = await runCli(cli, ['test', 'test/runner/cases', '--jobs', '2', '--shard', '1/2', '--reporter', 'junit', '--report-file', report], { cwd: ROOT });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const lines = ok.stdout.toString().split('\n');
    expect(lines[0]).toMatch(/^\[1\/7\] PASS  test\/runner\/cases\/\S+\.case\.yaml#.+ \d+ ms$/);
    expect(lines.at(-2)).toMatch(/^7 cases: 7 passed, 0 failed \([\d.]+ s\)$/);
    checkJunit(readFileSync(report, 'utf8'));
    const bad = await runCli(cli, ['test', 'test/runner/failing/failing.case.yaml', '--jobs', '1', '--reporter', 'tap'], { cwd: ROOT });
    expect(bad.code).toBe(1);
    expect(bad.stdout.toString()).toMatch(/^TAP version 13\n1\.\.12\nnot ok 1 - /);
    expect(bad.stderr).toContain('12 cases: 0 passed, 12 failed');
    const usage = await runCli(cli, ['test', '--shard', '3/2'], { cwd: ROOT });
    expect(usage.code).toBe(125);
    expect(usage.stderr).toContain('bad shard "3/2"');
    const clock = await runCli(cli, ['test', '--clock', '1990-02-30'], { cwd: ROOT });
    expect(clock.code).toBe(125);
    expect(clock.stderr).toContain('bad clock "1990-02-30" (no such local date and time)');
  });
});

describe('failing cases', () => {
  it('fail with the failure of their kind, with diffs', async () => {
    const all = await suite(['test/runner/failing']);
    const bad = all.find((o) => o.file.endsWith('bad.case.yaml')) as CaseOutcome;
    expect(bad.status).toBe('error');
    expect(bad.failures[0].message).toBe('program: expected string, got integer; expect.exit: expected integer, got string; expect.colour: unknown field (known: exit, reason, stdout, files, screen)');
    const o = byName(all.filter((x) => x !== bad));
    for (const x of Object.values(o)) expect(x.status, x.id).toBe('fail');
    expect(o['wrong exit code'].failures).toEqual([{ what: 'exit', message: 'exit code 27, expected 0' }]);
    expect(o['wrong reason'].failures[0].what).toBe('reason');
    expect(o['wrong reason'].failures[0].message).toMatch(/^the run ended by input-exhausted .* expected exit$/);
    expect(o['stdout text differs'].failures[0].diff).toBe(
      '--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n Hello from vdm86! DOS version 5.00\n-Command tail: something else\n+Command tail:\n',
    );
    expect(o['stdout pattern'].failures[0].message).toBe('does not match /^Goodbye/');
    expect(o['stdout golden differs'].failures[0].diff).toContain('-Command tail: golden\n+Command tail: changed\n');
    expect(o['golden missing'].failures[0].message).toBe('golden file golden/none.out is missing (run with --update to write it)');
    expect(o['file content differs'].failures[0]).toMatchObject({ what: 'file C:\\A.BAK', diff: expect.stringContaining('-omega\n+alpha\n') });
    expect(o['file not produced'].failures[0]).toEqual({ what: 'file C:\\B.BAK', message: 'was not produced' });
    const screen = o['screen differs'].failures[0];
    expect(screen.what).toBe('screen');
    // rows 20 and 24 differ (the help line and the typed text are missing), marked cell by cell
    expect(screen.diff?.match(/^>\s?\d+/gm)).toEqual(['>20', '>24']);
    expect(screen.diff).toContain(`|${'^^^^^ ^^^ ^^^ ^^^^^^'.padEnd(80)}|`);
    expect(o['wait times out'].failures[0]).toMatchObject({ what: 'step 1', message: '"NO SUCH TEXT" did not appear within 200 ms' });
    expect(o['screen step differs'].failures[0].diff).toContain('-RUNNER MENUS\n+RUNNER MENU\n');
    expect(o['case timeout'].failures[0]).toMatchObject({ what: 'timeout', message: 'the case took longer than 0.5 s' });
  });
});

describe('--update', () => {
  it('writes missing and changed golden files; the next run passes, a changed program fails', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'roms/tests/runner-menu.com'), join(dir, 'menu.com'));
    copyFileSync(join(ROOT, 'roms/demo/hello.com'), join(dir, 'hello.com'));
    writeFileSync(
      join(dir, 'u.case.yaml'),
      'cases:\n  - name: out\n    program: hello.com\n    args: [x]\n    expect: { stdout: { golden: g/out.txt } }\n' +
        '  - name: screen\n    program: menu.com\n    steps: [{ wait: MENU }, { keys: [Esc] }]\n    expect: { exit: 27, screen: g/menu.screen }\n',
    );
    const first = await runSuite({ paths: [dir], cwd: dir, jobs: 1, clock: CLOCK, caseTimeoutMs: 30000 });
    expect(first.map((o) => o.status)).toEqual(['fail', 'fail']);
    const updated = await runSuite({ paths: [dir], cwd: dir, jobs: 1, clock: CLOCK, caseTimeoutMs: 30000, update: true });
    expect(updated.map((o) => [o.status, o.updated.length])).toEqual([['pass', 1], ['pass', 1]]);
    expect(readFileSync(join(dir, 'g/out.txt'), 'utf8')).toBe('Hello from vdm86! DOS version 5.00\r\nCommand tail: x\r\n');
    expect(readFileSync(join(dir, 'g/menu.screen'), 'utf8')).toMatch(/^\n\nRUNNER MENU\n\n  > 1\. Open\n/);
    const again = await runSuite({ paths: [dir], cwd: dir, jobs: 1, clock: CLOCK, caseTimeoutMs: 30000 });
    expect(again.map((o) => o.status)).toEqual(['pass', 'pass']);
    writeFileSync(join(dir, 'g/out.txt'), 'Hello from vdm86! DOS version 5.00\r\nCommand tail: y\r\n');
    const changed = await runSuite({ paths: [dir], cwd: dir, jobs: 1, clock: CLOCK, caseTimeoutMs: 30000 });
    expect(changed[0].failures[0].diff).toContain('-Command tail: y\n+Command tail: x\n');
  });
});

describe('--jobs and --shard', () => {
  it('worker threads and every shard split run each case exactly once, with the same outcomes', async () => {
    const one = await suite(['test/runner/cases']);
    const ids = one.map((o) => o.id);
    const two = await suite(['test/runner/cases'], { jobs: 3 });
    expect(two.map((o) => o.id)).toEqual(ids);
    expect(two.map((o) => [o.status, o.output, o.screen])).toEqual(one.map((o) => [o.status, o.output, o.screen]));
    for (const n of [1, 2, 3, 5]) {
      const seen: string[] = [];
      for (let i = 1; i <= n; i++) seen.push(...selectShard(ids.map((id) => ({ id })), { index: i, count: n }).map((x) => x.id));
      expect(seen.sort()).toEqual([...ids].sort());
    }
    const shard = await suite(['test/runner/cases'], { shard: parseShard('2/3'), jobs: 2 });
    expect(shard.map((o) => o.id)).toEqual(ids.filter((_, i) => i % 3 === 1));
    expect(() => parseShard('4/3')).toThrow('bad shard "4/3"');
  });
});

describe('the whole-run timeout', () => {
  it('ends running cases and fails the rest, in this thread and in workers', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'roms/tests/runner-menu.com'), join(dir, 'menu.com'));
    const stuck = '    program: menu.com\n    clock: host\n    steps: [{ wait: NEVER, timeout: 100000000 }]\n';
    writeFileSync(join(dir, 't.case.yaml'), `cases:\n  - name: a\n${stuck}  - name: b\n${stuck}  - name: c\n${stuck}`);
    for (const jobs of [1, 2]) {
      const outcomes = await runSuite({ paths: [dir], cwd: dir, jobs, clock: CLOCK, caseTimeoutMs: 60000, totalTimeoutMs: 300 });
      expect(outcomes.map((o) => [o.status, o.failures[0]?.message])).toEqual([
        ['fail', 'the whole run timed out'],
        ['fail', 'the whole run timed out'],
        ['fail', 'the whole run timed out'],
      ]);
    }
  });
});

describe('reproducible runs', () => {
  it('the same case twice gives the same bytes: date, time, ticks, free space, a sorted DIR with fixed dates', async () => {
    const a = await runDosCase('test/runner/cases/clock.case.yaml', { dir: ROOT });
    const b = await runDosCase('test/runner/cases/clock.case.yaml', { dir: ROOT });
    expect(a.passed).toBe(true);
    expect(b.outcome.output).toBe(a.outcome.output);
    expect(a.output).toBe(readFileSync(join(ROOT, 'test/runner/cases/golden/clock.out'), 'utf8').replace(/\r\n/g, '\n'));
    expect(a.output).toMatch(/^date 1991-06-15\ntime 12:30:00\.00\n/);
    expect(a.output).toContain('A.TXT        3 1991-06-15 12:30:00\nB.TXT        5 1991-06-15 12:30:00\n');
    // written during the run: dated by the emulated clock, not the host's
    expect(a.output).toContain('STAMP.TXT    9 1991-06-15 12:30:00\n');
  });

  it('the emulated clock advances with the guest, and the host clock is used only when asked', async () => {
    const fixed = await runDosCase({ program: 'roms/tests/runner-clock.com', clock: '2001-02-03T04:05:06' }, { dir: ROOT });
    expect(fixed.output).toMatch(/^date 2001-02-03\ntime 04:05:06\.00\nticks 000415E0\n/);
    const host = await runDosCase({ program: 'roms/tests/runner-clock.com', clock: 'host' }, { dir: ROOT });
    expect(host.output).toContain(`date ${new Date().getFullYear()}-`);
  });
});

describe('reporters', () => {
  it('JUnit XML has the structure JUnit consumers read, with counts that add up', async () => {
    const outcomes = await suite(['test/runner/failing', 'test/runner/cases/output.case.yaml']);
    const xmlText = junitReport(outcomes);
    checkJunit(xmlText);
    expect(xmlText).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="vdm86 test" tests="18" failures="12" errors="1" time="[\d.]+">/);
    expect(xmlText).toContain('<testcase classname="test/runner/failing/failing.case.yaml" name="wrong exit code" time="');
    expect(xmlText).toContain('<failure message="exit: exit code 27, expected 0" type="exit">exit: exit code 27, expected 0</failure>');
    const tap = tapReport(outcomes);
    expect(tap.split('\n').slice(0, 3)).toEqual(['TAP version 13', '1..18', 'not ok 1 - test/runner/failing/bad.case.yaml\\#(file)']);
    expect(tap.match(/^ok \d+ - /gm)).toHaveLength(5);
    const json = JSON.parse(jsonReport(outcomes));
    expect(json.summary).toEqual({ total: 18, passed: 5, failed: 12, errors: 1 });
  });
});

describe('case files and keys', () => {
  it('the published schema is the one the runner checks with', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'schemas/vdm86-case.schema.json'), 'utf8'))).toEqual(CASE_SCHEMA);
  });

  it('names keys as people write them', () => {
    expect(parseKey('Alt-X')).toEqual({ alt: true, char: 0x78 });
    expect(parseKey('Ctrl-C')).toEqual({ char: 3, shift: undefined });
    expect(parseKey('F10')).toEqual({ name: 'F10' });
    expect(parseKey('esc')).toEqual({ name: 'Escape' });
    expect(parseKey('Shift-Tab')).toEqual({ shift: true, name: 'Tab' });
    expect(() => parseKey('Hyper-Q')).toThrow('unknown key "Hyper-Q"');
  });

  it('reports bad YAML, bad keys and bad clocks with the file and the place', () => {
    expect(() => parseCases('program: [', '/x/a.case.yaml', 'a.case.yaml')).toThrow(/^a\.case\.yaml: /);
    expect(() => parseCases('program: x\nsteps: [{ keys: [Meta-Q] }]', '/x/a.case.yaml', 'a.case.yaml')).toThrow('a.case.yaml.steps[0].keys: unknown key "Meta-Q"');
    expect(() => parseCases('program: x\nclock: "1979-12-31"', '/x/a.case.yaml', 'a.case.yaml')).toThrow('DOS dates run from 1980 to 2099');
    expect(() => parseCases('program: x\nsteps: [{ wait: a, type: b }]', '/x/a.case.yaml', 'a.case.yaml')).toThrow('give exactly one of wait, type, keys, screen');
  });

  it('a screen diff is empty for equal screens', () => {
    expect(screenDiff('a\nb\n', 'a\nb\n')).toBe('');
  });
});

describe('vdm86/testing', () => {
  it('runDosCase gives output and screen for snapshots', async () => {
    const r = await runDosCase({
      program: 'roms/tests/runner-menu.com',
      steps: [{ wait: 'RUNNER MENU' }, { keys: ['Down', 'Enter'] }, { wait: 'Selected' }, { keys: ['Alt-X'] }],
      expect: { exit: 2 },
    }, { dir: ROOT });
    expect(r.passed).toBe(true);
    expect(r.screen).toMatchInlineSnapshot(`
      "

      RUNNER MENU

          1. Open
        > 2. Save
          3. Quit



      F1 help  Enter select  Alt-X quit

      Selected: 2
      "
    `);
  });
});

/** JUnit XML as consumers (Jenkins, GitLab, GitHub test reporters) read it, after the common
 *  JUnit XSD: testsuites > testsuite > testcase > failure | error | skipped | system-out, with
 *  the required attributes, well nested, and counts that agree with the elements. */
function checkJunit(text: string): void {
  const allowed: Record<string, { parent: string; required: string[] }> = {
    testsuites: { parent: '', required: ['tests', 'failures', 'errors'] },
    testsuite: { parent: 'testsuites', required: ['name', 'tests', 'failures', 'errors', 'time'] },
    testcase: { parent: 'testsuite', required: ['name', 'classname', 'time'] },
    failure: { parent: 'testcase', required: ['message', 'type'] },
    error: { parent: 'testcase', required: ['message', 'type'] },
    'system-out': { parent: 'testcase', required: [] },
  };
  const stack: { name: string; attrs: Record<string, string>; children: string[] }[] = [];
  let root: (typeof stack)[number] | null = null;
  const body = text.replace(/^<\?xml[^>]*\?>\n/, '');
  for (const m of body.matchAll(/<(\/?)([\w-]+)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      expect(stack.pop()?.name).toBe(name);
      continue;
    }
    const rule = allowed[name];
    expect(rule, `element ${name}`).toBeDefined();
    expect(stack.at(-1)?.name ?? '').toBe(rule.parent);
    const attrs = Object.fromEntries([...attrText.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    for (const r of rule.required) expect(attrs, `${name}@${r}`).toHaveProperty(r);
    const node = { name, attrs, children: [] as string[] };
    stack.at(-1)?.children.push(name);
    if (!stack.length) root = node;
    if (!selfClose) stack.push(node);
    if (name === 'testsuite') {
      const cases = [...body.slice(m.index).split('</testsuite>')[0].matchAll(/<testcase /g)].length;
      expect(Number(attrs.tests)).toBe(cases);
    }
  }
  expect(stack).toEqual([]);
  expect(root).not.toBeNull();
  expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
}

