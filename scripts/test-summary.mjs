// Prints `N passed, N failed` from vitest's JSON report (the real run's counts).
// A missing report means the run stopped before the tests (build or type
// check failed): that is one failure, not a pass.
import {existsSync, readFileSync} from 'node:fs'

const file = process.argv[2] ?? 'test-results.json'
if (!existsSync(file)) {
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const report = JSON.parse(readFileSync(file, 'utf8'))
const passed = report.numPassedTests
// A test file that failed to load has no failed tests of its own: count it once.
const failed = report.numFailedTests + filesFailedWithoutFailedTests(report)
const skipped = report.numPendingTests + report.numTodoTests
if (skipped > 0) console.log(`(${skipped} skipped)`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || !report.success ? 1 : 0)

function filesFailedWithoutFailedTests(report) {
  return report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')).length
}
