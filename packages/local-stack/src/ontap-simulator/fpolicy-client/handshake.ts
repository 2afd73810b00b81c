import type { NegoRequest, NegoResponse } from '@fsxn/fpolicy';

/** The versions ONTAP offers in its NEGO_REQ (verified capture). */
export const ONTAP_OFFERED_VERSIONS: readonly string[] = ['1.0', '1.1', '1.2', '2.0'];

/**
 * Why ONTAP would refuse this NEGO_RESP, or undefined when it is acceptable: the three ids must be echoed and the
 * version must be exactly one of those offered. ONTAP answers a refusal with ALERT_MSG and drops the connection.
 */
export const negoResponseProblem = (request: NegoRequest, response: NegoResponse): string | undefined => {
  if (response.vsUuid !== request.vsUuid) return 'NEGO_RESP does not echo the VsUUID';
  if (response.policyName !== request.policyName) return 'NEGO_RESP does not echo the PolicyName';
  if (response.sessionId !== request.sessionId) return 'NEGO_RESP does not echo the SessionId';
  if (!request.versions.includes(response.version)) {
    return `NEGO_RESP chose protocol version ${response.version.slice(0, 16)}, which was not offered`;
  }
  return undefined;
};
