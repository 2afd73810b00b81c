import type { GeneratedText, TextGenerationPort } from '@fsxn/inference';
import { renderReportTemplate } from '@fsxn/inference';
import type { ItemResult } from '@fsxn/pipeline';

/** What the Analyze step hands the report (the capped lists of the state machine payload). */
export interface AnalysisOverview {
  analysisKey: string;
  engine: string;
  slowestQueryMs: number;
  cellCountStats: Record<string, string | number | boolean | null>;
  outlierCount: number;
  outliers: { id: string; metric: string; value: number; q1: number; q3: number; direction: string }[];
  libraryNamingViolations: { file_key: string; library_name: string }[];
}

export interface DesignReviewFacts {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  engine: string;
  stats: { files: string; parsed: string; invalid: string; min: string; max: string; avg: string; p95: string };
  failures: { key: string; reason: string }[];
  outliers: { key: string; metric: string; value: string; q1: string; q3: string; direction: string }[];
  namingFiles: { key: string; violations: number }[];
  libraryNames: { key: string; name: string }[];
  flaggedFiles: string[];
}

const show = (v: unknown) =>
  v === null || v === undefined ? 'n/a' : typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v);

/** Files with something a designer should look at: a naming violation or an outlier. */
export const flaggedFiles = (items: readonly ItemResult[], analysis: AnalysisOverview): string[] => {
  const flagged = new Set<string>();
  for (const i of items) if ((i.metrics.namingViolations ?? 0) > 0) flagged.add(i.key);
  for (const o of analysis.outliers) flagged.add(o.id);
  for (const v of analysis.libraryNamingViolations) flagged.add(v.file_key);
  return [...flagged].sort();
};

export const designReviewFacts = (
  counts: DesignReviewFacts['counts'],
  items: readonly ItemResult[],
  analysis: AnalysisOverview,
): DesignReviewFacts => {
  const s = analysis.cellCountStats;
  return {
    counts,
    engine: analysis.engine,
    stats: {
      files: show(s.files),
      parsed: show(s.parsed_files),
      invalid: show(s.invalid_files),
      min: show(s.min_cells),
      max: show(s.max_cells),
      avg: show(s.avg_cells),
      p95: show(s.p95_cells),
    },
    failures: items.filter((i) => i.status === 'FAILED').map((i) => ({ key: i.key, reason: i.reason ?? 'unknown' })),
    outliers: analysis.outliers.map((o) => ({
      key: o.id,
      metric: o.metric,
      value: show(o.value),
      q1: show(o.q1),
      q3: show(o.q3),
      direction: o.direction,
    })),
    namingFiles: items
      .filter((i) => (i.metrics.namingViolations ?? 0) > 0)
      .map((i) => ({ key: i.key, violations: i.metrics.namingViolations ?? 0 })),
    libraryNames: analysis.libraryNamingViolations.map((v) => ({ key: v.file_key, name: v.library_name })),
    flaggedFiles: flaggedFiles(items, analysis),
  };
};

/** The computed part of the report: every number here comes from the parsers and the SQL, never a model. */
export const FACTS_TEMPLATE = `## Layout facts

- Files: {{counts.discovered}} discovered, {{counts.succeeded}} read, {{counts.failed}} failed, {{counts.skipped}} skipped.
- Layout table ({{engine}}): {{stats.files}} files, {{stats.parsed}} parsed, {{stats.invalid}} invalid.
- Cells per library: min {{stats.min}}, max {{stats.max}}, mean {{stats.avg}}, p95 {{stats.p95}}.

### Files that failed
{{#if failures}}{{#each failures}}- {{.key}}: {{.reason}}
{{/each}}{{else}}None.
{{/if}}
### Outliers (Tukey fences, 1.5 IQR)
{{#if outliers}}{{#each outliers}}- {{.key}}: {{.metric}} = {{.value}} is {{.direction}} (Q1 {{.q1}}, Q3 {{.q3}}).
{{/each}}{{else}}None.
{{/if}}
### Naming rule [A-Za-z0-9_./]
{{#if libraryNames}}{{#each libraryNames}}- Library name "{{.name}}" in {{.key}} breaks the rule.
{{/each}}{{/if}}{{#if namingFiles}}{{#each namingFiles}}- {{.key}} has {{.violations}} library or cell names that break the rule.
{{/each}}{{else}}No cell name breaks the rule.
{{/if}}`;

const SYSTEM = [
  'You are a semiconductor physical-design reviewer.',
  'Write a short design review for the team from the facts you are given: what needs attention first and why.',
  'Use only the facts given; do not invent numbers, cells or files.',
].join(' ');

export interface DesignReview {
  markdown: string;
  provider: string;
  generationMs: number;
}

/**
 * Facts rendered from a template (always, also offline), then a narrative from the text-generation port:
 * Bedrock Converse in AWS, an extractive summary of the facts offline, labelled with its provider.
 */
export const writeDesignReview = async (
  facts: DesignReviewFacts,
  textGeneration: TextGenerationPort,
  clock: () => number = () => performance.now(),
): Promise<DesignReview> => {
  const factsMarkdown = renderReportTemplate(FACTS_TEMPLATE, { ...facts });
  const started = clock();
  const narrative: GeneratedText = await textGeneration.generate({
    system: SYSTEM,
    prompt: factsMarkdown,
    maxTokens: 1500,
    temperature: 0.3,
  });
  const generationMs = Math.round(clock() - started);
  const markdown = [
    '# EDA design review',
    '',
    `## Review (${narrative.provider}${narrative.modelId ? `, ${narrative.modelId}` : ''})`,
    '',
    narrative.text.trim(),
    '',
    factsMarkdown,
  ].join('\n');
  return { markdown, provider: narrative.provider, generationMs };
};
