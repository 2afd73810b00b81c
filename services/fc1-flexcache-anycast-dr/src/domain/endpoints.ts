import { parseAccessPoint } from '@fsxn/s3ap';
import { z } from 'zod';
import { InvalidInputError } from './errors';

/** ONTAP volume names: letters, digits and underscores (FSx refuses hyphens), at most 203 characters. */
export const VOLUME_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,202}$/;
const ENDPOINT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

const endpointSchema = z.object({
  id: z.string().regex(ENDPOINT_ID, 'lowercase letters, digits and hyphens, at most 63 characters'),
  /** The FlexCache volume (or the origin volume itself, for a read path straight to the origin). */
  volume: z.string().regex(VOLUME_NAME, 'ONTAP volume names are letters, digits and underscores'),
  /** Alias or ARN of the S3 access point attached to that volume. */
  accessPoint: z.string().min(1),
  region: z.string().regex(REGION, 'an AWS region such as ap-northeast-1'),
  weight: z.number().finite().min(0).default(1),
  priority: z.number().int().min(0).max(1_000_000).default(100),
  /** Where the cache is mounted; used only when the run creates a missing FlexCache (ensureCaches). */
  junctionPath: z
    .string()
    .regex(/^\/[^/\0]+(\/[^/\0]+)*$/, 'starts with "/", no trailing "/"')
    .optional(),
});

export type EndpointConfig = z.output<typeof endpointSchema> & {
  /** True when the endpoint reads the origin volume directly (no FlexCache to check). */
  readonly isOrigin: boolean;
  /** The access point's name (from the ARN, or the alias without its suffix), for the IAM prefix check. */
  readonly accessPointName: string;
};

const accessPointNameOf = (ref: string): string => {
  const parsed = parseAccessPoint(ref);
  return parsed.kind === 'arn' ? parsed.name : parsed.alias.replace(/-[a-z0-9]{10}-ext-s3alias$/, '');
};

const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(list)'}: ${i.message}`).join('; ');

/**
 * Parses the endpoint list (JSON text from the deployment parameter) and checks the rules that the
 * health run and IAM rely on: unique ids, volumes and access points; access point names under the
 * deployment's prefix (the probe role is scoped to it); at least one endpoint that is a FlexCache.
 */
export const parseEndpoints = (
  text: string,
  rules: { originVolume: string; accessPointPrefix: string },
): EndpointConfig[] => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new InvalidInputError('the endpoint list is not valid JSON', { cause });
  }
  const parsed = z.array(endpointSchema).min(1).max(50).safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(`invalid endpoint list: ${issuesOf(parsed.error)}`);
  const endpoints = parsed.data.map((e) => {
    let accessPointName: string;
    try {
      accessPointName = accessPointNameOf(e.accessPoint);
    } catch (cause) {
      throw new InvalidInputError(`endpoint ${e.id}: ${(cause as Error).message}`, { cause });
    }
    if (!accessPointName.startsWith(rules.accessPointPrefix)) {
      throw new InvalidInputError(
        `endpoint ${e.id}: access point "${accessPointName}" does not start with "${rules.accessPointPrefix}" (the probe's IAM policy only covers that prefix)`,
      );
    }
    return { ...e, isOrigin: e.volume === rules.originVolume, accessPointName };
  });
  for (const field of ['id', 'volume', 'accessPoint'] as const) {
    const seen = new Set<string>();
    for (const e of endpoints) {
      if (seen.has(e[field])) throw new InvalidInputError(`endpoint ${field} "${e[field]}" is listed twice`);
      seen.add(e[field]);
    }
  }
  if (endpoints.every((e) => e.isOrigin))
    throw new InvalidInputError('the endpoint list has no FlexCache: add at least one cache volume');
  return endpoints;
};
