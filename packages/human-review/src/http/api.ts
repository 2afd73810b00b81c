import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ReviewNotFoundError, ReviewValidationError, UnauthorizedActionError } from '../errors';
import { type Actor, parseWith, type ReviewTaskView } from '../model';
import { canonicalUseCaseId, reviewPolicyFor } from '../policy';
import { cancelReview, decide, getTask, listPending, type ReviewDeps } from '../store';
import { type CallerIdentity, callerIdentity } from './identity';
import { cancelBodySchema, decisionBodySchema, jsonBody, listQuerySchema, reviewIdOf } from './request';
import { type ErrorSummary, errorResult, jsonResult, statusOf, summarize } from './responses';
import { parseRoleMap, type RoleMap, rolesOf } from './role-map';
import { type MatchedRoute, matchRoute, type RouteName } from './routes';

export interface UnexpectedErrorReport {
  readonly requestId: string;
  readonly route: string | undefined;
  readonly error: ErrorSummary;
}

export interface ReviewApiOptions {
  /** The role map as JSON (typically an environment variable); see `parseRoleMap`. Missing or malformed throws. */
  readonly roleMap: string | undefined;
  /** Serve only this use case's reviews: others are answered as not found. */
  readonly useCaseId?: string;
  /**
   * Where unexpected (500) errors are reported; the response itself carries only the request id.
   * Writes one JSON line to stderr (CloudWatch Logs in Lambda) by default.
   */
  readonly reportError?: (report: UnexpectedErrorReport) => void;
}

export type ReviewApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** Longest actor id the review store records. */
const MAX_ACTOR_ID = 256;

const logToStderr = (report: UnexpectedErrorReport) =>
  console.error(JSON.stringify({ level: 'error', message: 'review API request failed', ...report }));

interface ApiRequest {
  readonly event: APIGatewayProxyEvent;
  readonly match: MatchedRoute;
  readonly actor: Actor;
}

/**
 * The review API behind API Gateway (REST, `AWS_IAM` authorization, Lambda proxy integration). The caller is
 * the IAM identity AWS authenticated (`requestContext.identity.userArn`); its roles come only from the role
 * map. The role map (and `useCaseId`) are checked here, once, so a misconfigured function fails at cold start.
 */
export const createReviewApi = (deps: ReviewDeps, options: ReviewApiOptions): ReviewApiHandler => {
  const roleMap = parseRoleMap(options.roleMap);
  const report = options.reportError ?? logToStderr;
  const scope = options.useCaseId === undefined ? undefined : useCaseKey(deps, options.useCaseId);

  /** Reviews outside the served use case are reported exactly like missing ones. */
  const inScope = async (reviewId: string): Promise<ReviewTaskView> => {
    const task = await getTask(deps, reviewId);
    if (scope !== undefined && task.use_case_key !== scope) {
      throw new ReviewNotFoundError(`review ${reviewId} does not exist`);
    }
    return task;
  };

  const actions: Record<RouteName, (request: ApiRequest) => Promise<unknown>> = {
    listReviews: async ({ event }) => {
      const query = parseWith(listQuerySchema, event.queryStringParameters ?? {}, 'query');
      if (scope !== undefined && query.useCase !== undefined && useCaseKey(deps, query.useCase) !== scope) {
        throw new ReviewValidationError(`this review API serves use case ${scope} only`);
      }
      const useCaseId = scope ?? query.useCase;
      const reviews = await listPending(deps, {
        ...(useCaseId === undefined ? {} : { useCaseId }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      });
      return { reviews, count: reviews.length };
    },
    getReview: async ({ match }) => ({ review: await inScope(reviewIdOf(match.params)) }),
    getAudit: async ({ match }) => {
      const task = await inScope(reviewIdOf(match.params));
      return { reviewId: task.review_id, audit: task.audit };
    },
    decide: async ({ event, match, actor }) => {
      const reviewId = reviewIdOf(match.params);
      const body = parseWith(decisionBodySchema, jsonBody(event, true), 'decision');
      if (scope !== undefined) await inScope(reviewId);
      const result = await decide(deps, { reviewId, decision: body.decision, actor, comment: body.comment ?? '' });
      return { review: result.task, callback: result.callback };
    },
    cancel: async ({ event, match, actor }) => {
      const reviewId = reviewIdOf(match.params);
      const body = parseWith(cancelBodySchema, jsonBody(event, false), 'cancellation');
      if (scope !== undefined) await inScope(reviewId);
      const result = await cancelReview(deps, { reviewId, actor, comment: body.comment ?? '' });
      return { review: result.task, callback: result.callback };
    },
  };

  return async (event) => {
    const requestId = event.requestContext?.requestId ?? 'unknown';
    let route: string | undefined;
    try {
      const caller = authenticate(event);
      const match = matchRoute(event);
      route = `${match.route.method} ${match.route.path}`;
      const actor = authorize(roleMap, caller, match);
      return jsonResult(200, await actions[match.route.name]({ event, match, actor }));
    } catch (error) {
      if (statusOf(error) === undefined) report({ requestId, route, error: summarize(error) });
      return errorResult(error, requestId);
    }
  };
};

/** The canonical key tasks of a use case are stored under (what `listPending` and `use_case_key` use). */
const useCaseKey = (deps: ReviewDeps, useCaseId: string): string =>
  canonicalUseCaseId(useCaseId) ?? (deps.policyFor ?? reviewPolicyFor)(useCaseId).useCaseId;

const authenticate = (event: APIGatewayProxyEvent): CallerIdentity => {
  const userArn = event.requestContext?.identity?.userArn;
  if (typeof userArn !== 'string' || userArn === '') {
    throw new UnauthorizedActionError('the request carries no IAM identity; sign it with SigV4 (AWS_IAM)');
  }
  const caller = callerIdentity(userArn);
  if (caller === undefined) {
    throw new UnauthorizedActionError(`${userArn} is not an IAM user or assumed-role session`);
  }
  if (caller.actorId.length > MAX_ACTOR_ID) {
    throw new UnauthorizedActionError(`identities longer than ${MAX_ACTOR_ID} characters cannot be recorded`);
  }
  return caller;
};

const authorize = (roleMap: RoleMap, caller: CallerIdentity, match: MatchedRoute): Actor => {
  const roles = rolesOf(roleMap, caller);
  if (roles.length === 0) {
    throw new UnauthorizedActionError(`${caller.actorId} holds no review role; ask to be added to the role map`);
  }
  if (!roles.some((role) => match.route.roles.includes(role))) {
    throw new UnauthorizedActionError(
      `${caller.actorId} needs one of the roles ${match.route.roles.join(', ')} for ${match.route.method} ${match.route.path}`,
    );
  }
  return { id: caller.actorId, roles };
};
