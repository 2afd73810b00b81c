import type { Role } from '../model';
import { MethodNotAllowedError, RouteNotFoundError } from './errors';

export type RouteName = 'listReviews' | 'getReview' | 'getAudit' | 'decide' | 'cancel';

export interface RouteSpec {
  readonly name: RouteName;
  readonly method: 'GET' | 'POST';
  /** API Gateway resource path; `{reviewId}` is a path parameter. */
  readonly path: string;
  /** Roles allowed to call the route at all (the state machine decides finer rules, e.g. who approves when). */
  readonly roles: readonly Role[];
}

const READERS: readonly Role[] = ['reviewer', 'approver', 'auditor', 'operator'];

/** Every route of the review API; the serverless events and the handler's routing both come from this list. */
export const REVIEW_API_ROUTES: readonly RouteSpec[] = [
  { name: 'listReviews', method: 'GET', path: '/reviews', roles: READERS },
  { name: 'getReview', method: 'GET', path: '/reviews/{reviewId}', roles: READERS },
  { name: 'getAudit', method: 'GET', path: '/reviews/{reviewId}/audit', roles: READERS },
  { name: 'decide', method: 'POST', path: '/reviews/{reviewId}/decision', roles: ['reviewer', 'approver'] },
  { name: 'cancel', method: 'POST', path: '/reviews/{reviewId}/cancel', roles: ['operator'] },
];

export interface MatchedRoute {
  readonly route: RouteSpec;
  readonly params: Readonly<Record<string, string>>;
}

/** Matches a concrete path (`/reviews/rv-1/audit`) against a resource template, capturing its parameters. */
const matchTemplate = (template: string, path: string): Record<string, string> | undefined => {
  const want = template.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? '';
    const param = /^\{(\w+)\}$/.exec(segment);
    if (param?.[1] !== undefined) {
      try {
        params[param[1]] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
};

export interface RouteRequest {
  readonly httpMethod: string;
  /** The resource template API Gateway matched (`/reviews/{reviewId}`), when deployed with these routes. */
  readonly resource?: string | null;
  readonly path?: string | null;
  readonly pathParameters?: Readonly<Record<string, string | undefined>> | null;
}

/**
 * The route of a request: by the resource template API Gateway matched, or else by its path (e.g. behind a
 * `{proxy+}` resource). Throws `RouteNotFoundError`, or `MethodNotAllowedError` when only the method differs.
 */
export const matchRoute = (request: RouteRequest): MatchedRoute => {
  const method = request.httpMethod.toUpperCase();
  const byResource = REVIEW_API_ROUTES.filter((r) => r.path === request.resource);
  if (byResource.length > 0) {
    const route = byResource.find((r) => r.method === method);
    if (!route) throw notAllowed(method, byResource);
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.pathParameters ?? {})) {
      if (value !== undefined) params[name] = value;
    }
    return { route, params };
  }
  const path = request.path ?? '';
  const candidates = REVIEW_API_ROUTES.flatMap((route) => {
    const params = matchTemplate(route.path, path);
    return params === undefined ? [] : [{ route, params }];
  });
  if (candidates.length === 0) throw new RouteNotFoundError('no review API route has this path');
  const match = candidates.find((c) => c.route.method === method);
  if (!match)
    throw notAllowed(
      method,
      candidates.map((c) => c.route),
    );
  return match;
};

const notAllowed = (method: string, routes: readonly RouteSpec[]) => {
  const allow = [...new Set(routes.map((r) => r.method))];
  return new MethodNotAllowedError(`${method} is not allowed here; use ${allow.join(', ')}`, allow);
};

export interface ServerlessHttpEvent {
  readonly http: {
    readonly method: 'get' | 'post';
    readonly path: string;
    readonly authorizer: 'aws_iam';
  };
}

/**
 * The `events` of the review API function in serverless.yml: one REST API (`http`) event per route, each
 * behind `AWS_IAM` authorization so API Gateway verifies the caller's SigV4 signature and reports its ARN.
 */
export const reviewApiHttpEvents = (): ServerlessHttpEvent[] =>
  REVIEW_API_ROUTES.map((route) => ({
    http: {
      method: route.method === 'GET' ? 'get' : 'post',
      path: route.path.slice(1),
      authorizer: 'aws_iam',
    },
  }));
