/** Base error of the routing library; `transient` is false: retrying the same choice gives the same answer. */
export class RoutingError extends Error {
  override readonly name: string = 'RoutingError';
  readonly transient: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Every endpoint is unhealthy or excluded (or, for `weighted`, no healthy one has a positive weight). */
export class NoHealthyEndpointError extends RoutingError {
  override readonly name: string = 'NoHealthyEndpointError';
}

/** The options cannot be used (unknown strategy, `weighted` without a random source, bad endpoint values). */
export class RoutingInputError extends RoutingError {
  override readonly name: string = 'RoutingInputError';
}
