/** Base of every error this package throws: a check could not run (unreadable input), not a failed check. */
export class CiCheckError extends Error {
  readonly transient: boolean;
  constructor(message: string, options?: ErrorOptions & { transient?: boolean }) {
    super(message, options);
    this.name = 'CiCheckError';
    this.transient = options?.transient ?? false;
  }
}
