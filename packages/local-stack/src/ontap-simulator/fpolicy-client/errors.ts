import { LocalStackError } from '../../errors';

/**
 * The simulated FPolicy client (ONTAP's side) was misconfigured or asked to notify something it cannot express.
 * Connection trouble is never thrown: it is buffered and retried, as ONTAP does, and shows up in `stats()`.
 */
export class FpolicyClientError extends LocalStackError {
  override readonly name = 'FpolicyClientError';

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, { cause: options.cause, transient: options.transient ?? false });
  }
}
