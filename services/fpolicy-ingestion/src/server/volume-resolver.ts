import { type OntapClient, volumes } from '@fsxn/ontap-client';

/** VolMsid → volume name. SCREEN_REQ carries no volume name; the MSID is its only volume identity. */
export type VolumeResolver = (msid: string) => Promise<string>;

/** The name used when a MSID cannot be resolved: the event still carries an identity a consumer can map. */
export const msidFallbackName = (msid: string): string => `msid-${msid}`;

/** Fixed MSID → name table (local runs, captures, tests); unknown MSIDs get the fallback name. */
export const staticVolumeResolver =
  (names: Readonly<Record<string, string>> = {}): VolumeResolver =>
  async (msid) =>
    Object.hasOwn(names, msid) ? (names[msid] ?? msidFallbackName(msid)) : msidFallbackName(msid);

export interface OntapVolumeResolverOptions {
  readonly client: OntapClient;
  /** How long a resolved name is trusted (volumes are rarely renamed). */
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
  readonly onError?: (msid: string, error: unknown) => void;
}

/**
 * `GET /api/storage/volumes?msid=<n>` through @fsxn/ontap-client, cached per MSID; concurrent lookups of one
 * MSID share a single request. A failed or empty lookup is not cached: the event gets the fallback name and
 * the next notification asks again.
 */
export const ontapVolumeResolver = (options: OntapVolumeResolverOptions): VolumeResolver => {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { name: string; expiresAt: number }>();
  const inFlight = new Map<string, Promise<string>>();

  const lookup = async (msid: string): Promise<string> => {
    try {
      const volume = await volumes.findByMsid(options.client, msid);
      if (volume === undefined) {
        options.onError?.(msid, new Error(`no volume with msid ${msid}`));
        return msidFallbackName(msid);
      }
      cache.delete(msid);
      cache.set(msid, { name: volume.name, expiresAt: now() + ttlMs });
      if (cache.size > maxEntries) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      return volume.name;
    } catch (error) {
      options.onError?.(msid, error);
      return msidFallbackName(msid);
    } finally {
      inFlight.delete(msid);
    }
  };

  return (msid) => {
    const cached = cache.get(msid);
    if (cached !== undefined && cached.expiresAt > now()) return Promise.resolve(cached.name);
    const running = inFlight.get(msid);
    if (running !== undefined) return running;
    const started = lookup(msid);
    inFlight.set(msid, started);
    return started;
  };
};
