import type { RunReport } from './run.js';

/** What a finished run reports to its caller: the CLI's `--json` line and the library's result. */
export function runSummary(r: RunReport) {
  const usage = process.resourceUsage();
  return {
    complete: r.complete,
    interrupted: r.interrupted,
    exitCode: r.exitCode,
    outputDir: r.outputDir,
    files: r.files,
    tenancyId: r.tenancyId,
    region: r.region ?? null,
    counts: r.counts,
    timings: r.timings,
    requests: { total: r.requests.total, throttled: r.requests.throttled, retried: r.requests.retried, failed: r.requests.failedScopes },
    limiter: r.limiter,
    limiters: r.limiters,
    process: { cpuUserMs: Math.round(usage.userCPUTime / 1000), cpuSystemMs: Math.round(usage.systemCPUTime / 1000), maxRssKb: usage.maxRSS },
  };
}

export type RunSummary = ReturnType<typeof runSummary>;
