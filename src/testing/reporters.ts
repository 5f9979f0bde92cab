// Machine-readable reports of a run: JUnit XML (the schema CI servers read: testsuites >
// testsuite per case file > testcase, failure/error children with the diff as text), TAP 13 and
// JSON. Each is a pure function of the outcomes, so a report is the same bytes for the same run
// apart from the durations.
import type { CaseOutcome } from './run-case';

export type ReporterName = 'junit' | 'tap' | 'json';
export const REPORTERS: readonly ReporterName[] = ['junit', 'tap', 'json'];

/** The text of one failure as reports show it. */
export function failureText(o: CaseOutcome): string {
  return o.failures.map((f) => `${f.what}: ${f.message}${f.diff ? `\n${f.diff.replace(/\n$/, '')}` : ''}`).join('\n\n');
}

function xml(s: string): string {
  // XML 1.0 allows no control characters but TAB, LF, CR: show the others as U+FFFD.
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitReport(outcomes: readonly CaseOutcome[]): string {
  const byFile = new Map<string, CaseOutcome[]>();
  for (const o of outcomes) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  const count = (list: readonly CaseOutcome[], s: string) => list.filter((o) => o.status === s).length;
  const total = (list: readonly CaseOutcome[]) => seconds(list.reduce((t, o) => t + o.durationMs, 0));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<testsuites name="vdm86 test" tests="${outcomes.length}" failures="${count(outcomes, 'fail')}" errors="${count(outcomes, 'error')}" time="${total(outcomes)}">`);
  for (const [file, list] of byFile) {
    lines.push(`  <testsuite name="${xml(file)}" tests="${list.length}" failures="${count(list, 'fail')}" errors="${count(list, 'error')}" skipped="0" time="${total(list)}">`);
    for (const o of list) {
      const open = `    <testcase classname="${xml(file)}" name="${xml(o.name)}" time="${seconds(o.durationMs)}"`;
      if (o.status === 'pass') {
        lines.push(`${open}/>`);
        continue;
      }
      const tag = o.status === 'error' ? 'error' : 'failure';
      const first = o.failures[0];
      lines.push(`${open}>`);
      lines.push(`      <${tag} message="${xml(first ? `${first.what}: ${first.message}` : o.status)}" type="${xml(first?.what ?? tag)}">${xml(failureText(o))}</${tag}>`);
      if (o.output) lines.push(`      <system-out>${xml(o.output)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

export function tapReport(outcomes: readonly CaseOutcome[]): string {
  const lines = ['TAP version 13', `1..${outcomes.length}`];
  outcomes.forEach((o, i) => {
    lines.push(`${o.status === 'pass' ? 'ok' : 'not ok'} ${i + 1} - ${o.id.replace(/#/g, '\\#')}`);
    if (o.status !== 'pass') {
      lines.push('  ---');
      lines.push(`  status: ${o.status}`);
      lines.push('  message: |-');
      for (const l of failureText(o).split('\n')) lines.push(`    ${l}`);
      lines.push('  ...');
    }
  });
  return lines.join('\n') + '\n';
}

export function jsonReport(outcomes: readonly CaseOutcome[]): string {
  const summary = {
    total: outcomes.length,
    passed: outcomes.filter((o) => o.status === 'pass').length,
    failed: outcomes.filter((o) => o.status === 'fail').length,
    errors: outcomes.filter((o) => o.status === 'error').length,
  };
  return JSON.stringify({ summary, cases: outcomes }, null, 2) + '\n';
}

export function report(name: ReporterName, outcomes: readonly CaseOutcome[]): string {
  return name === 'junit' ? junitReport(outcomes) : name === 'tap' ? tapReport(outcomes) : jsonReport(outcomes);
}
