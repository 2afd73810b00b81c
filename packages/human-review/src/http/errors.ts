import { HumanReviewError } from '../errors';

/** The role map given to the review API is missing or malformed; raised when the API is created (cold start). */
export class RoleMapError extends HumanReviewError {
  override readonly name = 'RoleMapError';
}

/** No review API route has this path. */
export class RouteNotFoundError extends HumanReviewError {
  override readonly name = 'RouteNotFoundError';
}

/** The path is a review API route, but not for this HTTP method. */
export class MethodNotAllowedError extends HumanReviewError {
  override readonly name = 'MethodNotAllowedError';
  /** Methods the path does accept (the `Allow` response header). */
  readonly allow: readonly string[];

  constructor(message: string, allow: readonly string[]) {
    super(message);
    this.allow = allow;
  }
}
