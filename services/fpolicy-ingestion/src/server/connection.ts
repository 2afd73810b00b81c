import type { Socket } from 'node:net';
import {
  type DecodedFrame,
  decodeMessage,
  encodeNegoResponse,
  encodeScreenResponse,
  type FileEvent,
  FpolicyError,
  FpolicyFrameError,
  FpolicyNegotiationError,
  FrameDecoder,
  type FrameLimits,
  negotiate,
  type ScreenRequest,
  screenResponseFor,
  toFileEvent,
} from '@fsxn/fpolicy';
import { type DedupWindow, dedupKey, type SessionSequences } from './dedup-window';
import type { EventQueue } from './event-queue';
import type { ServerLog } from './log';
import type { ServerCounters } from './stats';
import { msidFallbackName, type VolumeResolver } from './volume-resolver';

export type EngineType = 'asynchronous' | 'synchronous';

export interface ConnectionDeps {
  readonly frameLimits: Partial<FrameLimits>;
  readonly log: ServerLog;
  readonly counters: ServerCounters;
  readonly dedup: DedupWindow;
  readonly sequences: SessionSequences;
  readonly queue: EventQueue;
  readonly resolveVolume: VolumeResolver;
  readonly svmNameOf: (vsUuid: string) => string;
  readonly engine: EngineType;
  /** `NotfResp` sent to synchronous engines (unverified meaning; chosen by configuration). */
  readonly screenVerdict: number;
  /** Notifications waiting for their volume name before the socket stops being read. */
  readonly maxPendingLookups: number;
  readonly newEventId?: () => string;
  readonly now: () => number;
}

interface Session {
  readonly sessionId: string;
  readonly policyName: string;
  readonly vsUuid: string;
  readonly svmName: string;
}

/** Socket-independent parts a test or the server needs to see. */
export interface ConnectionView {
  readonly negotiated: boolean;
  readonly lastSeen: number;
  readonly paused: boolean;
}

/**
 * One ONTAP node's connection: frames in, NEGO_RESP (and SCREEN_RESP for synchronous engines) out, accepted
 * notifications into the queue in arrival order. Nothing a peer sends can throw out of here: refused frames
 * are skipped when their boundary is known and close the connection when it is not.
 */
export class FpolicyConnection implements ConnectionView {
  private readonly decoder: FrameDecoder;
  private session: Session | undefined;
  private chain: Promise<void> = Promise.resolve();
  private pendingLookups = 0;
  private readonly pauseReasons = new Set<'queue' | 'lookups' | 'closing'>();
  private closed = false;
  lastSeen: number;

  constructor(
    readonly socket: Socket,
    private readonly deps: ConnectionDeps,
  ) {
    this.decoder = new FrameDecoder(deps.frameLimits);
    this.lastSeen = deps.now();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => deps.log.debug({ error: error.message, remote: this.remote }, 'socket error'));
    socket.on('close', () => this.onClose());
  }

  get negotiated(): boolean {
    return this.session !== undefined;
  }

  get paused(): boolean {
    return this.pauseReasons.size > 0;
  }

  get remote(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}`;
  }

  /** Resolves when every notification received so far is in the queue. */
  settled(): Promise<void> {
    return this.chain;
  }

  pause(reason: 'queue' | 'lookups' | 'closing'): void {
    this.pauseReasons.add(reason);
    this.socket.pause();
  }

  resume(reason: 'queue' | 'lookups' | 'closing'): void {
    this.pauseReasons.delete(reason);
    if (this.pauseReasons.size === 0 && !this.closed) this.socket.resume();
  }

  close(reason: string, asError: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (asError) this.deps.counters.connectionsClosedOnError += 1;
    this.deps.log.warn({ remote: this.remote, reason, session: this.session?.sessionId }, 'closing FPolicy connection');
    this.socket.destroy();
  }

  /** Graceful end (server shutdown): stop reading, let queued notifications through, then FIN. */
  end(): void {
    this.pause('closing');
    this.closed = true;
    this.socket.end();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.lastSeen = this.deps.now();
    for (const item of this.decoder.push(chunk)) {
      this.onFrame(item);
      if (this.closed) return;
    }
  }

  private onClose(): void {
    this.closed = true;
    const truncated = this.decoder.end();
    if (truncated !== undefined)
      this.deps.log.info({ remote: this.remote, reason: truncated.reason }, 'peer closed mid-frame');
  }

  private onFrame(item: DecodedFrame): void {
    if (!item.ok) {
      if (!item.error.resyncable) {
        this.close(`unrecoverable framing: ${item.error.reason}`, true);
        return;
      }
      this.deps.counters.framesSkipped += 1;
      this.deps.log.warn({ remote: this.remote, reason: item.error.reason }, 'skipped a malformed frame');
      return;
    }
    let message: ReturnType<typeof decodeMessage>;
    try {
      message = decodeMessage(item.frame);
    } catch (error) {
      this.deps.counters.framesSkipped += 1;
      const reason = error instanceof FpolicyFrameError ? error.reason : 'undecodable';
      this.deps.log.warn(
        { remote: this.remote, reason, notfType: item.frame.header.notfType },
        'skipped a malformed message',
      );
      return;
    }
    switch (message.type) {
      case 'NEGO_REQ':
        this.onNegotiation(message);
        return;
      case 'KEEP_ALIVE':
        this.deps.counters.keepAlives += 1;
        return;
      case 'SCREEN_REQ':
        this.onScreenRequest(message);
        return;
      case 'ALERT_MSG':
        this.deps.counters.alerts += 1;
        this.deps.log.warn({ remote: this.remote, alert: message.message.slice(0, 512) }, 'ONTAP sent ALERT_MSG');
        return;
      default:
        this.deps.counters.framesIgnored += 1;
        this.deps.log.debug({ remote: this.remote, type: message.type }, 'ignored a frame');
    }
  }

  private onNegotiation(req: {
    vsUuid: string;
    policyName: string;
    sessionId: string;
    versions: readonly string[];
  }): void {
    try {
      const response = negotiate(req);
      this.socket.write(encodeNegoResponse(response));
      // ONTAP resends NEGO_REQ when the answer is late and ignores duplicate answers: the same session is fine.
      this.session = {
        sessionId: req.sessionId,
        policyName: req.policyName,
        vsUuid: req.vsUuid,
        svmName: this.deps.svmNameOf(req.vsUuid),
      };
      this.deps.counters.handshakes += 1;
      this.deps.log.info(
        { remote: this.remote, session: req.sessionId, policy: req.policyName, version: response.version },
        'FPolicy session negotiated',
      );
    } catch (error) {
      const reason = error instanceof FpolicyNegotiationError ? 'no common protocol version' : 'unanswerable NEGO_REQ';
      this.close(reason, true);
    }
  }

  private onScreenRequest(req: ScreenRequest): void {
    const session = this.session;
    if (session === undefined) {
      this.close('SCREEN_REQ before NEGO_REQ', true);
      return;
    }
    this.deps.counters.notifications += 1;
    const fresh = this.deps.dedup.firstSeen(dedupKey(session.sessionId, req.reqId));
    if (this.deps.engine === 'synchronous') this.answer(req);
    if (!fresh) {
      this.deps.counters.duplicates += 1;
      return;
    }
    let event: FileEvent;
    try {
      event = toFileEvent(req, {
        volumeName: msidFallbackName(req.volMsid),
        svmName: session.svmName,
        sessionId: session.sessionId,
        sequence: this.deps.sequences.peek(session.sessionId),
        ...(this.deps.newEventId === undefined ? {} : { newEventId: this.deps.newEventId }),
      });
    } catch (error) {
      this.deps.counters.eventsRejected += 1;
      this.deps.log.warn(
        {
          remote: this.remote,
          reqId: req.reqId,
          reason: error instanceof FpolicyError ? error.message : 'invalid event',
        },
        'notification refused',
      );
      return;
    }
    this.deps.sequences.next(session.sessionId);
    this.deps.counters.eventsAccepted += 1;
    this.enqueueWithVolume(event, req.volMsid);
  }

  /** Volume names are resolved in arrival order, so events enter the queue in sequence order. */
  private enqueueWithVolume(event: FileEvent, msid: string): void {
    this.pendingLookups += 1;
    if (this.pendingLookups >= this.deps.maxPendingLookups) this.pause('lookups');
    this.chain = this.chain.then(async () => {
      // A resolver that fails keeps the fallback name: the event is never held back by a lookup.
      const volume = await this.deps.resolveVolume(msid).catch(() => event.volume);
      this.deps.queue.push(volume === event.volume ? event : { ...event, volume });
      this.pendingLookups -= 1;
      if (this.pendingLookups < this.deps.maxPendingLookups / 2) this.resume('lookups');
    });
  }

  private answer(req: ScreenRequest): void {
    this.socket.write(encodeScreenResponse(screenResponseFor(req, this.deps.screenVerdict)));
    this.deps.counters.screenResponses += 1;
  }
}
