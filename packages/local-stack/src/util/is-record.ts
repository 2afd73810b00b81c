/** A plain object (not null, not an array): the shape of parsed JSON/YAML mappings. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
