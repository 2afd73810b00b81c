import type { OntapErrorArgument, OntapErrorDetails } from './errors';

const MAX_MESSAGE_LENGTH = 2_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** ONTAP sends codes as strings in error bodies and as integers in jobs; normalise both to a string. */
export const codeToString = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
};

const parseArguments = (value: unknown): OntapErrorArgument[] => {
  if (!Array.isArray(value)) return [];
  const result: OntapErrorArgument[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    result.push({
      code: codeToString(item.code) ?? '',
      message: typeof item.message === 'string' ? item.message : '',
    });
  }
  return result;
};

/**
 * Reads `{"error":{"message","code","target","arguments"}}` out of a response body of any shape.
 * Never throws: a body that is not JSON or not ONTAP-shaped yields a generic description with the
 * HTTP status, and the raw text (truncated) as message so operators still see what came back.
 */
export const parseOntapErrorBody = (bodyText: string, status: number): OntapErrorDetails => {
  let parsed: unknown;
  try {
    parsed = bodyText.length > 0 ? JSON.parse(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  if (error === undefined) {
    const text = bodyText.trim().slice(0, MAX_MESSAGE_LENGTH);
    return { message: text.length > 0 ? text : `HTTP ${status}`, code: '', arguments: [] };
  }
  const target = typeof error.target === 'string' ? error.target : undefined;
  return {
    message: typeof error.message === 'string' ? error.message.slice(0, MAX_MESSAGE_LENGTH) : `HTTP ${status}`,
    code: codeToString(error.code) ?? '',
    ...(target === undefined ? {} : { target }),
    arguments: parseArguments(error.arguments),
  };
};
