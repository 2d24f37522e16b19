// Prints one closing line over all test runners of scripts/test.sh:
// "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const [jestResultsFile, nodeTestOutputFile] = process.argv.slice(2);

const jest = JSON.parse(readFileSync(jestResultsFile, 'utf8'));
let passed = jest.numPassedTests;
let failed = jest.numFailedTests;
let skipped = jest.numPendingTests + jest.numTodoTests;

// node:test's spec reporter ends with lines such as "ℹ pass 3".
const nodeTestOutput = readFileSync(nodeTestOutputFile, 'utf8');
const count = name =>
  Number(
    nodeTestOutput.match(new RegExp(`^\\S* ?${name} (\\d+)$`, 'm'))?.[1] ?? 0,
  );
passed += count('pass');
failed += count('fail');
skipped += count('skipped') + count('todo');

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
