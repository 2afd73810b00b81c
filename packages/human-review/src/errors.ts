/** Base of every error this package throws; `transient` tells a handler whether a retry can succeed. */
export class HumanReviewError extends Error {
  override readonly name: string = 'HumanReviewError';
  readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** Input to a review operation does not match its schema. */
export class ReviewValidationError extends HumanReviewError {
  override readonly name = 'ReviewValidationError';
}

export class ReviewNotFoundError extends HumanReviewError {
  override readonly name = 'ReviewNotFoundError';
}

/** The use case id names no known use case and no policy was given for it. */
export class UnknownUseCaseError extends HumanReviewError {
  override readonly name = 'UnknownUseCaseError';
}

/** The actor's roles do not allow this action at this stage. */
export class UnauthorizedActionError extends HumanReviewError {
  override readonly name = 'UnauthorizedActionError';
}

/** The same identity tried to both review and approve one item. */
export class SeparationOfDutiesError extends HumanReviewError {
  override readonly name = 'SeparationOfDutiesError';
}

/** The task is already decided, or changed between reading and writing (another decision won). */
export class DecisionConflictError extends HumanReviewError {
  override readonly name = 'DecisionConflictError';
}
