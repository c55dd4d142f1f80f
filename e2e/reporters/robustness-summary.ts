import type { FullResult, Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

interface CaseResult {
  group: string;
  name: string;
  lang: string;
  passed: boolean;
  /** For a forced answer: whether the app made the call at all. */
  asked?: boolean;
  error?: string;
}

/**
 * Names, as the very last lines of the run, every test that failed (the list reporter prints its
 * failures before the robustness summaries, and a log cut to its tail lost them), then adds up the cases the robustness suites attach to their tests (`robustness-cases`: the fault
 * injection, the walk against the mock backend) and prints how many were tried and how many held,
 * per group and in all, with every case that did not. A failed test's line says the step it
 * stopped in and its slowest steps, so a time limit names what took the time.
 */
export default class RobustnessSummary implements Reporter {
  private suites = new Map<string, CaseResult[]>();
  private failed: string[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status !== test.expectedStatus) {
      const where = `${test.location.file.split('/').pop()}:${test.location.line}`;
      const why = (result.error?.message ?? result.status).replace(/\x1b\[[0-9;]*m/g, '').split('\n')[0];
      let line = `  ✘ [${test.parent.project()?.name}] ${test.titlePath().slice(2).join(' › ')} (${where}): ${why}`;
      // The test's own steps (the fixtures' teardown, after the failure, has no place in it).
      const steps = flatten(result.steps).filter((s) => s.location && (s.category === 'expect' || s.category === 'pw:api'));
      const step = (s: TestStep) => `${s.title.split('\n')[0]} (line ${s.location?.line}, ${(s.duration / 1000).toFixed(1)} s)`;
      const last = steps.reduce<TestStep | undefined>((a, s) => (!a || s.startTime >= a.startTime ? s : a), undefined);
      if (last) {
        const slowest = [...steps].sort((a, b) => b.duration - a.duration).slice(0, 3);
        line += `\n      last step: ${step(last)}; slowest: ${slowest.map(step).join(', ')}`;
      }
      this.failed.push(line);
    }
    for (const a of result.attachments) {
      if (a.name !== 'robustness-cases' || !a.body) continue;
      const { suite, results } = JSON.parse(a.body.toString('utf8')) as { suite: string; results: CaseResult[] };
      this.suites.set(suite, [...(this.suites.get(suite) ?? []), ...results]);
    }
  }

  onEnd(_result: FullResult) {
    for (const [suite, cases] of this.suites) {
      const lines = ['', `${suite}:`];
      for (const group of [...new Set(cases.map((c) => c.group))]) {
        const mine = cases.filter((c) => c.group === group);
        const held = mine.filter((c) => c.passed).length;
        lines.push(`  ${held === mine.length ? '✓' : '✘'} ${group} (${mine[0].lang}): ${held}/${mine.length}`);
      }
      for (const c of cases.filter((c) => !c.passed)) lines.push(`  failed: ${c.group} × ${c.name}: ${c.error?.split('\n')[0]}`);
      const forced = cases.filter((c) => c.asked !== undefined);
      if (forced.length) {
        const asked = forced.filter((c) => c.asked).length;
        lines.push(`  answers forced: ${forced.length}, of which the app asked for ${asked}`);
        for (const c of forced.filter((c) => !c.asked)) lines.push(`  never asked for: ${c.group} × ${c.name}`);
      }
      const passed = cases.filter((c) => c.passed).length;
      lines.push(`${suite}: ${cases.length} cases tried, ${passed} passed, ${cases.length - passed} failed`);
      console.log(lines.join('\n'));
    }
    if (this.failed.length) console.log(['', `Failed (${this.failed.length}):`, ...this.failed].join('\n'));
  }

  printsToStdio() {
    return false;
  }
}

/** Every step of a test, nested ones included. */
function flatten(steps: TestStep[]): TestStep[] {
  return steps.flatMap((s) => [s, ...flatten(s.steps)]);
}
