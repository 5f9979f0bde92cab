// A failed text comparison as a unified diff (expected -> actual), made by the `diff` package:
// a well-kept Myers diff whose output patch(1) and editors read; writing our own would be a
// second, less tested copy of the same algorithm.
import { createTwoFilesPatch } from 'diff';

/** Lines shown around each change. */
const CONTEXT_LINES = 3;

/** The unified diff from `expected` to `actual`, without the "Index:" preamble; a missing newline
 *  at the end is marked by diff itself. */
export function unifiedDiff(expected: string, actual: string, expectedName = 'expected', actualName = 'actual'): string {
  const patch = createTwoFilesPatch(expectedName, actualName, expected, actual, undefined, undefined, { context: CONTEXT_LINES });
  // Drop the "Index:" / "=====" preamble: the ---/+++ lines name both sides.
  return patch
    .split('\n')
    .filter((l) => !l.startsWith('Index:') && !/^=+$/.test(l))
    .join('\n')
    .replace(/\n+$/, '\n');
}
