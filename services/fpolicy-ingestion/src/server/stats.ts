/** Counters of one server, read by the health endpoint, the bench and the tests. */
export interface ServerCounters {
  connectionsTotal: number;
  handshakes: number;
  keepAlives: number;
  /** SCREEN_REQ frames received, duplicates included. */
  notifications: number;
  /** Notifications already accepted within the dedup window (same SessionId + ReqId). */
  duplicates: number;
  eventsAccepted: number;
  /** Notifications that could not become an event (hostile path, invalid field); logged and skipped. */
  eventsRejected: number;
  /** Frames refused by the codec but with a known boundary: skipped, connection kept. */
  framesSkipped: number;
  /** Frames of a type the server does not act on (housekeeping, unknown types). */
  framesIgnored: number;
  alerts: number;
  screenResponses: number;
  /** Connections closed by the server: broken framing, failed negotiation, protocol violation. */
  connectionsClosedOnError: number;
  /** Connections closed because nothing arrived within the keep-alive or handshake timeout. */
  connectionsTimedOut: number;
}

export const newCounters = (): ServerCounters => ({
  connectionsTotal: 0,
  handshakes: 0,
  keepAlives: 0,
  notifications: 0,
  duplicates: 0,
  eventsAccepted: 0,
  eventsRejected: 0,
  framesSkipped: 0,
  framesIgnored: 0,
  alerts: 0,
  screenResponses: 0,
  connectionsClosedOnError: 0,
  connectionsTimedOut: 0,
});
