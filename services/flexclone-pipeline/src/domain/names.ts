/**
 * Naming rules checked before any ONTAP call. ONTAP volume names allow letters, digits and underscores
 * (FSx for ONTAP rejects hyphens), start with a letter or underscore and are at most 203 characters;
 * snapshot names follow the same character rule here (ONTAP allows more, FSx users are bitten by
 * hyphens in scripts) up to ONTAP's 255.
 */
const ONTAP_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_VOLUME_NAME = 203;
export const MAX_SNAPSHOT_NAME = 255;
/** SMB share names: at most 80 characters and none of the characters Windows reserves. */
export const MAX_SHARE_NAME = 80;
const SHARE_FORBIDDEN = /["/\\[\]:|<>+=;,*?]/;
/** Administrative shares every CIFS server already has. */
const RESERVED_SHARES = new Set(['ipc$', 'admin$', 'c$']);
/** C0 controls and DEL: never valid in a share name or a namespace path. */
const hasControlCharacter = (text: string): boolean =>
  [...text].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
export const MAX_JUNCTION_PATH = 255;

/** Why `name` is not a valid ONTAP volume/snapshot name, or undefined when it is. */
export const ontapNameProblem = (name: string, max: number): string | undefined => {
  if (name.length === 0) return 'must not be empty';
  if (name.length > max) return `must be at most ${max} characters`;
  if (name.includes('-')) return 'must not contain "-" (FSx for ONTAP rejects hyphens; use "_")';
  if (!ONTAP_NAME.test(name)) return 'must use only letters, digits and "_" and not start with a digit';
  return undefined;
};

/** Why `path` is not a junction path a clone can be mounted at, or undefined when it is. */
export const junctionPathProblem = (path: string): string | undefined => {
  if (!path.startsWith('/')) return 'must be absolute (start with "/")';
  if (path === '/') return 'must not be the SVM root "/"';
  if (path.length > MAX_JUNCTION_PATH) return `must be at most ${MAX_JUNCTION_PATH} characters`;
  if (path.endsWith('/')) return 'must not end with "/"';
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '')) return 'must not contain empty segments ("//")';
  if (segments.some((s) => s === '.' || s === '..')) return 'must not contain "." or ".." segments';
  if (hasControlCharacter(path) || path.includes('\\')) return 'must not contain control characters or "\\"';
  return undefined;
};

/** Why `name` is not a CIFS share name this pipeline creates, or undefined when it is. */
export const shareNameProblem = (name: string): string | undefined => {
  if (name.length === 0) return 'must not be empty';
  if (name.length > MAX_SHARE_NAME) return `must be at most ${MAX_SHARE_NAME} characters`;
  if (SHARE_FORBIDDEN.test(name) || hasControlCharacter(name))
    return 'must not contain control characters or any of " / \\ [ ] : | < > + = ; , * ?';
  if (name.trim() !== name) return 'must not start or end with a space';
  if (/^\.+$/.test(name)) return 'must not consist of dots only';
  if (RESERVED_SHARES.has(name.toLowerCase())) return `"${name}" is a reserved administrative share`;
  return undefined;
};

/**
 * A snapshot name derived from the execution name (which may hold hyphens and other characters), so a
 * retried or repeated run finds the snapshot it created.
 */
export const snapshotNameFor = (executionName: string): string => {
  const body = executionName.replace(/[^A-Za-z0-9_]/g, '_').slice(0, MAX_SNAPSHOT_NAME - 4);
  return `fxc_${body || 'run'}`;
};
