import { createHandler } from '@fsxn/lambda-kit';
import { buildRunReport, failed, type ItemResult, succeeded, successMetricSchema } from '@fsxn/pipeline';
import { z } from 'zod';
import { commonConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import type { EndpointHealth } from '../domain/health';
import { type Failure, failureOf, type RunStatus, summarize, unhealthyReason } from '../domain/report';
import { outputWriterOf, tablesOf } from '../runtime';
import { type AuditEvent, auditCompleteness, readActive, readAuditTrail } from '../steps/routing-table';

const config = commonConfig();
const writer = outputWriterOf(config);
const tables = tablesOf(config);

const caught = z.object({ Error: z.string().optional(), Cause: z.string().optional() });
const healthSchema = z.array(
  z.object({
    id: z.string(),
    healthy: z.boolean(),
    latencyMs: z.number().nullable(),
    checks: z.array(
      z.object({
        name: z.string(),
        status: z.enum(['pass', 'fail', 'unknown']),
        detail: z.string(),
        error: z.string().optional(),
      }),
    ),
  }),
);

/** The whole execution state: any part may be missing, since a failure can stop the run at any step. */
const runSchema = z
  .object({
    plan: z
      .object({ strategy: z.string(), approvalRequired: z.boolean(), reason: z.string() })
      .passthrough()
      .optional(),
    decided: z
      .object({
        decision: z.object({ action: z.enum(['keep', 'change', 'none-healthy']) }).passthrough(),
        health: healthSchema,
        checkedAt: z.string(),
        decideMs: z.number().optional(),
        active: z.object({ endpointId: z.string(), version: z.number() }).nullable(),
        ontap: z.object({ available: z.boolean() }).passthrough(),
      })
      .optional(),
    approval: z
      .object({
        reviewId: z.string(),
        reviewer: z.string().nullable().optional(),
        approver: z.string().nullable().optional(),
      })
      .passthrough()
      .optional(),
    approvalError: caught.optional(),
    applied: z.object({ version: z.number() }).passthrough().optional(),
    error: caught.optional(),
  })
  .passthrough();

const reportKey = (executionArn: string, at: Date) => {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '/');
  return `reports/${day}/${executionArn.split(':').pop() ?? 'run'}.json`;
};

const statusOf = (run: z.output<typeof runSchema>, failure: Failure | null): RunStatus => {
  if (run.error !== undefined) return 'FAILED';
  if (run.approvalError !== undefined) return 'CHANGE_REJECTED';
  const action = run.decided?.decision.action;
  if (action === 'none-healthy') return 'NO_HEALTHY_ENDPOINT';
  if (action === 'change') return run.decided?.active === null ? 'ROUTE_INITIALISED' : 'FAILED_OVER';
  return failure === null ? 'HEALTHY' : 'FAILED';
};

/**
 * Builds the run report: each endpoint as an item (healthy = SUCCEEDED, else FAILED with its failed checks,
 * so the counts add up), the route before and after, the audit event, measured success metrics; writes it
 * under reports/ and returns the failure (if any) for the state machine's Fail state.
 */
export const handler = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({
      executionArn: z.string().min(1),
      startedAt: z.string().min(1),
      run: runSchema,
      successMetrics: z.array(successMetricSchema),
    }),
  },
  async (event, ctx) => {
    const { run } = event;
    const health: EndpointHealth[] = run.decided?.health ?? [];
    const decision = run.decided?.decision;
    let failure: Failure | null = run.error === undefined ? null : failureOf(run.error);
    if (failure === null && decision?.action === 'none-healthy') {
      failure = { error: 'NoHealthyEndpoint', cause: String((decision as { reason?: unknown }).reason ?? '') };
    }
    const status = statusOf(run, failure);
    const current = await readActive(tables);
    const trail = await readAuditTrail(tables);
    const audit: AuditEvent | null =
      run.applied === undefined ? null : (trail.find((e) => e.version === run.applied?.version) ?? null);
    const items: ItemResult[] = health.map((h) =>
      h.healthy
        ? succeeded(h.id, { metrics: h.latencyMs === null ? {} : { latencyMs: h.latencyMs } })
        : failed(h.id, unhealthyReason(h)),
    );
    const finishedAt = new Date();
    const activeHealthy = health.find((h) => h.id === current?.endpointId)?.healthy;
    const unapproved = trail.filter((e) => e.who.type !== 'approval').length;
    const report = buildRunReport({
      service: SERVICE_ID,
      executionArn: event.executionArn,
      startedAt: event.startedAt,
      finishedAt: finishedAt.toISOString(),
      discovered: items.length,
      skippedAtDiscovery: [],
      items,
      successMetrics: event.successMetrics,
      measured: {
        healthDetectionSeconds:
          run.decided === undefined
            ? undefined
            : (Date.parse(run.decided.checkedAt) - Date.parse(event.startedAt)) / 1000,
        routeDecisionMs: run.decided?.decideMs,
        activeRouteHealthy: activeHealthy === undefined ? undefined : activeHealthy ? 1 : 0,
        auditCompleteness: auditCompleteness(current?.version ?? 0, trail),
        unapprovedRouteChanges: config.DEPLOYMENT_PROFILE === 'compliance' ? unapproved : undefined,
      },
    });
    const body = {
      ...report,
      templateVersion: TEMPLATE_VERSION,
      status,
      deploymentProfile: config.DEPLOYMENT_PROFILE,
      strategy: run.plan?.strategy ?? config.ROUTE_STRATEGY,
      endpoints: health,
      ontap: run.decided?.ontap ?? null,
      route: {
        before: run.decided?.active ?? null,
        after: current === undefined ? null : { endpointId: current.endpointId, version: current.version },
      },
      routeChange: audit,
      approval: run.approval ?? null,
      rejected: run.approvalError === undefined ? null : failureOf(run.approvalError),
      failure,
    };
    const written = await writer.putJson(reportKey(event.executionArn, finishedAt), body);
    const summary = summarize({
      service: SERVICE_ID,
      status,
      health,
      activeBefore: run.decided?.active?.endpointId ?? null,
      activeAfter: current?.endpointId ?? null,
      failure,
    });
    ctx.metrics.addMetric('UnhealthyEndpoints', 'Count', report.counts.failed);
    ctx.log.info({ status, reportKey: written.key }, 'run report written');
    return { ...body, reportKey: written.key, summary, failed: failure !== null };
  },
);
