/** Base of every error this service throws: an explicit name, the cause chained, and whether a retry may help. */
export class LegalComplianceError extends Error {
  override readonly name: string = 'LegalComplianceError';
  readonly transient: boolean;

  constructor(message: string, options: { transient?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** A value from ONTAP (SID, control flags, ACE) or an ACL record line that does not have the expected shape. */
export class AclFormatError extends LegalComplianceError {
  override readonly name: string = 'AclFormatError';
}

/** The two reads of one descriptor (names, then SIDs) disagree: the ACL changed in between; reading again helps. */
export class AclChangedDuringReadError extends LegalComplianceError {
  override readonly name: string = 'AclChangedDuringReadError';

  constructor(message: string) {
    super(message, { transient: true });
  }
}
