// Prints the run's outcome as one plain line, "N passed, N failed, N skipped", after vitest's own
// report, so CI (and a person skimming a log) can read the count without parsing vitest's output.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      let failedHere = 0;
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') failedHere += 1;
        else counts.skipped += 1;
      }
      // A file that fails outside its tests (a broken import, a failing beforeAll) counts once.
      counts.failed += failedHere > 0 ? failedHere : testModule.state() === 'failed' ? 1 : 0;
    }
    console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
