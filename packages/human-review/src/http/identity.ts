/**
 * IAM caller identities as API Gateway reports them for `AWS_IAM` authorization
 * (`requestContext.identity.userArn`): SigV4 was verified by AWS, so the ARN is not a client claim.
 */

const PARTITION = 'aws(?:-[a-z]+)*';
const ACCOUNT = '\\d{12}';
/** IAM user and role names (and STS session names) use these characters. */
const NAME = '[\\w+=,.@-]{1,64}';
const SESSION_NAME = '[\\w+=,.@-]{2,64}';
/** An IAM path (`/team/`): printable ASCII without `*`, so a wildcard never passes for a path. */
const PATH = '(?:[\\x21-\\x29\\x2b-\\x7e]*/)?';

const USER_OR_ROLE_ARN = new RegExp(`^arn:(${PARTITION}):iam::(${ACCOUNT}):(user|role)/${PATH}(${NAME})$`);
const SESSION_ARN = new RegExp(`^arn:(${PARTITION}):sts::(${ACCOUNT}):assumed-role/(${NAME})/(${SESSION_NAME})$`);

export interface CallerIdentity {
  /**
   * What decisions and audit records name: the user ARN, or for an assumed role the full session ARN,
   * so two people working through one role stay two identities for separation of duties.
   */
  readonly actorId: string;
  /** The IAM user or role ARN without its path (role names are unique in an account whatever the path). */
  readonly principalArn: string;
  /** The STS session name, for assumed-role callers. */
  readonly sessionName?: string;
}

/** The caller behind a `userArn`, or undefined when there is none or it is no IAM user or assumed-role session. */
export const callerIdentity = (userArn: string | null | undefined): CallerIdentity | undefined => {
  if (typeof userArn !== 'string') return undefined;
  const session = SESSION_ARN.exec(userArn);
  if (session) {
    const [, partition, account, role, sessionName] = session;
    return { actorId: userArn, principalArn: `arn:${partition}:iam::${account}:role/${role}`, sessionName };
  }
  const principal = USER_OR_ROLE_ARN.exec(userArn);
  if (principal) {
    const [, partition, account, kind, name] = principal;
    return { actorId: userArn, principalArn: `arn:${partition}:iam::${account}:${kind}/${name}` };
  }
  return undefined;
};

/**
 * The form a role-map entry is matched in: an IAM user or role ARN without its path, or an assumed-role
 * session ARN as it is; undefined for anything else (root, federated users, wildcards).
 */
export const principalKey = (arn: string): string | undefined => {
  if (SESSION_ARN.test(arn)) return arn;
  const principal = USER_OR_ROLE_ARN.exec(arn);
  if (!principal) return undefined;
  const [, partition, account, kind, name] = principal;
  return `arn:${partition}:iam::${account}:${kind}/${name}`;
};

/** The role-map keys that apply to a caller: its user or role, and for a session also the session itself. */
export const matchKeys = (caller: CallerIdentity): readonly string[] =>
  caller.sessionName === undefined ? [caller.principalArn] : [caller.principalArn, caller.actorId];
