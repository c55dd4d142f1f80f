import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

interface CaseResult {
  call: string;
  fault: string;
  lang: string;
  passed: boolean;
  error?: string;
}

/**
 * Adds up the fault-injection cases every test attached (`fault-cases`) and prints how many were
 * tried and how many held, per call and in all, with the ones that did not.
 */
export default class FaultSummary implements Reporter {
  private cases: CaseResult[] = [];

  onTestEnd(_test: TestCase, result: TestResult) {
    for (const a of result.attachments) {
      if (a.name === 'fault-cases' && a.body) this.cases.push(...(JSON.parse(a.body.toString('utf8')) as CaseResult[]));
    }
  }

  onEnd(_result: FullResult) {
    if (this.cases.length === 0) return;
    const calls = [...new Set(this.cases.map((c) => c.call))];
    const faults = new Set(this.cases.map((c) => c.fault));
    const passed = this.cases.filter((c) => c.passed).length;
    const lines = ['', `Fault injection: ${calls.length} API calls × ${faults.size - 1} faults, each then lifted and retried`];
    for (const call of calls) {
      const mine = this.cases.filter((c) => c.call === call);
      const ok = mine.filter((c) => c.passed).length;
      lines.push(`  ${ok === mine.length ? '✓' : '✘'} ${call} (${mine[0].lang}): ${ok}/${mine.length}`);
    }
    for (const c of this.cases.filter((c) => !c.passed)) lines.push(`  failed: ${c.call} × ${c.fault}: ${c.error?.split('\n')[0]}`);
    lines.push(`Fault injection: ${this.cases.length} cases tried, ${passed} passed, ${this.cases.length - passed} failed`, '');
    console.log(lines.join('\n'));
  }

  printsToStdio() {
    return false;
  }
}
