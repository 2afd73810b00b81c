import { renderReportTemplate, type TextGenerationPort } from '@fsxn/inference';
import type { RunReport } from '@fsxn/pipeline';

export interface AnalyticsOverview {
  engine: string;
  byWell: Record<string, unknown>[];
  bySensor: Record<string, unknown>[];
  agreement: { ratio: number; matched: number; sqlOnly: number; domainOnly: number };
}

/** The facts of the report, rendered without any model: the part that is the same offline and in AWS. */
const FACTS_TEMPLATE = `# UC8 energy seismic - data compliance report

Run {{executionArn}} ({{startedAt}} to {{finishedAt}}).

## Files
- Discovered: {{counts.discovered}}; succeeded: {{counts.succeeded}}; failed: {{counts.failed}}; skipped: {{counts.skipped}}.
- SEG-Y files inspected: {{seismic.succeeded}} of {{seismic.total}}; traces counted: {{seismic.traces}}; files whose size does not match the trace layout: {{seismic.sizeMismatches}}; most bytes read from one file: {{seismic.maxBytesRead}}.
- Well logs analysed: {{wells.succeeded}} of {{wells.total}}; NULL values excluded: {{wells.nullValues}}; anomalies flagged: {{wells.anomalies}}.

## Failures
{{#if failures}}{{#each failures}}- {{.key}}: {{.reason}}
{{/each}}{{else}}- None.
{{/if}}
## Anomalies by well ({{analytics.engine}})
{{#if analytics.byWell}}{{#each analytics.byWell}}- {{.well_id}}: {{.anomalies}} anomalies on {{.sensors}} curves, max {{.max_std_deviations}} sigma
{{/each}}{{else}}- No anomalies.
{{/if}}
## Anomalies by curve
{{#if analytics.bySensor}}{{#each analytics.bySensor}}- {{.sensor}}: {{.anomalies}} anomalies in {{.wells}} wells
{{/each}}{{else}}- No anomalies.
{{/if}}
## Checks
- Anomaly rule re-run in SQL agrees with the parser on {{analytics.agreement.matched}} anomalies; SQL-only {{analytics.agreement.sqlOnly}}, parser-only {{analytics.agreement.domainOnly}}.
`;

const sum = (items: RunReport['items'], metric: string) => items.reduce((n, i) => n + (i.metrics[metric] ?? 0), 0);

export const reportFacts = (report: RunReport, analytics: AnalyticsOverview | { error: string }) => {
  const seismic = report.items.filter((i) => i.metrics.seismic === 1 || /\.(segy|sgy)$/i.test(i.key));
  const wells = report.items.filter((i) => i.metrics.wellLog === 1 || /\.(las|csv)$/i.test(i.key));
  const ok = (items: RunReport['items']) => items.filter((i) => i.status === 'SUCCEEDED');
  const none = { matched: 0, sqlOnly: 0, domainOnly: 0, ratio: 0 };
  return {
    executionArn: report.executionArn,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    counts: report.counts,
    seismic: {
      total: seismic.length,
      succeeded: ok(seismic).length,
      traces: sum(ok(seismic), 'traces'),
      sizeMismatches: ok(seismic).filter((i) => i.metrics.traceCountExact === 0).length,
      maxBytesRead: Math.max(0, ...ok(seismic).map((i) => i.metrics.bytesRead ?? 0)),
    },
    wells: {
      total: wells.length,
      succeeded: ok(wells).length,
      nullValues: sum(ok(wells), 'nullValues'),
      anomalies: sum(ok(wells), 'anomalies'),
    },
    failures: report.items
      .filter((i) => i.status === 'FAILED')
      .map((i) => ({ key: i.key, reason: i.reason ?? 'unknown' })),
    analytics:
      'error' in analytics
        ? { engine: `analytics failed: ${analytics.error}`, byWell: [], bySensor: [], agreement: none }
        : analytics,
  };
};

export interface ComplianceReport {
  facts: string;
  narrative: { provider: string; text: string; modelId?: string };
}

const SYSTEM =
  'You write short compliance summaries of seismic and well-log data processing runs for a data governance team. Use only the facts given. Name every failed file and every well with anomalies. No speculation.';

/**
 * Facts from the template (always), then a narrative over them: Bedrock Converse in AWS, the local
 * extractive summary offline (its provider says so).
 */
export const writeComplianceReport = async (
  facts: ReturnType<typeof reportFacts>,
  textGeneration: TextGenerationPort,
): Promise<ComplianceReport> => {
  const rendered = renderReportTemplate(FACTS_TEMPLATE, facts);
  const generated = await textGeneration.generate({
    system: SYSTEM,
    prompt: `Summarise this processing run for the compliance file.\n\n${rendered}`,
    maxTokens: 600,
    temperature: 0.2,
  });
  return {
    facts: rendered,
    narrative: {
      provider: generated.provider,
      text: generated.text,
      ...(generated.modelId ? { modelId: generated.modelId } : {}),
    },
  };
};
