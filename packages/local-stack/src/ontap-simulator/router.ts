import type { JobManager, SimJob } from './jobs';
import type { Json, JsonObject } from './json';
import type { SimState } from './state';

export interface SimContext {
  readonly state: SimState;
  readonly jobs: JobManager;
}

export interface RequestContext {
  readonly method: string;
  /** Decoded path parameters by name. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Request body with dotted keys normalised into objects; `{}` when none. */
  readonly body: Json;
  /** `/api/...` as received, without the query. */
  readonly apiPath: string;
  /** `/api/...?query` as received (ONTAP echoes it in `_links.self`). */
  readonly selfHref: string;
  readonly sim: SimContext;
}

export type Reply =
  | { readonly kind: 'json'; readonly status: number; readonly body: JsonObject }
  | {
      readonly kind: 'job';
      readonly job: SimJob;
      /** 201 for creates, 200 otherwise, when the job ends within `return_timeout`. */
      readonly doneStatus: 200 | 201;
      /** Returned alongside the job with `return_records=true`. */
      readonly records?: readonly JsonObject[];
    };

export interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below `/api`, `{name}` for a parameter segment, e.g. `/storage/volumes/{uuid}`. */
  readonly pattern: string;
  /** Query parameters accepted on POST/PATCH/DELETE besides `return_timeout` and `return_records`. */
  readonly mutationParams?: readonly string[];
  readonly handle: (ctx: RequestContext) => Reply | Promise<Reply>;
}

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

export type RouteMatch =
  | { readonly kind: 'match'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed' }
  /** The path is longer than any route: ONTAP reports the first extra segment as an unexpected argument. */
  | { readonly kind: 'extra-segment'; readonly segment: string }
  | { readonly kind: 'none' };

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...routes: Route[]): void {
    for (const route of routes) this.routes.push({ route, segments: route.pattern.split('/').filter((s) => s !== '') });
  }

  /** `segments` are the decoded path segments below `/api`. */
  match(method: string, segments: readonly string[]): RouteMatch {
    let pathMatched = false;
    let extra: string | undefined;
    for (const { route, segments: pattern } of this.routes) {
      const params = matchSegments(pattern, segments);
      if (params === undefined) {
        if (segments.length > pattern.length && matchSegments(pattern, segments.slice(0, pattern.length))) {
          extra ??= segments[pattern.length];
        }
        continue;
      }
      pathMatched = true;
      if (route.method === method) return { kind: 'match', route, params };
    }
    if (pathMatched) return { kind: 'method-not-allowed' };
    if (extra !== undefined) return { kind: 'extra-segment', segment: extra };
    return { kind: 'none' };
  }
}

const matchSegments = (pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined => {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = segments[i] as string;
    if (expected.startsWith('{') && expected.endsWith('}')) params[expected.slice(1, -1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
};
