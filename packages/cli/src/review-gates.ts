import type { CliIo } from './io';
import type { StackReviews } from './review-client';

export interface ReviewIdentities {
  /** Records the reviewer's approval at every gate; with `approveAs`, or neither. */
  readonly reviewAs?: string;
  readonly approveAs?: string;
}

export interface ReviewGateHandler {
  /** Call on every `waiting-for-task-token` run event. */
  onGate(): void;
  /** Resolves once the decisions or listings started so far are done (and cancels a listing not yet due). */
  settle(): Promise<void>;
}

/**
 * What `fsxn run`, `fsxn demo` and `fsxn demo --watch` do at review gates: with both identities, approve every
 * open review as reviewer then approver (separation of duties); without them, list what waits and how to decide
 * it with `fsxn review` from another terminal. `beforeListing` ends a live progress line first.
 */
export const reviewGateHandler = (
  io: CliIo,
  reviews: StackReviews,
  identities: ReviewIdentities,
  beforeListing: () => void = () => undefined,
): ReviewGateHandler => {
  let gateWork = Promise.resolve();
  let listingTimer: NodeJS.Timeout | undefined;
  const { reviewAs, approveAs } = identities;

  const approveAll = async () => {
    if (reviewAs === undefined || approveAs === undefined) return;
    for (const review of await reviews.list()) {
      if (review.kind === 'human-review') {
        io.err(`${await reviews.decide(review.id, 'approved', { id: reviewAs, role: 'reviewer' })}\n`);
      }
      io.err(`${await reviews.decide(review.id, 'approved', { id: approveAs, role: 'approver' })}\n`);
    }
  };
  // Gates open one by one as Map iterations arrive: list them once they stop arriving, not once per gate.
  const listGate = async () => {
    const pending = await reviews.list();
    beforeListing();
    io.err(`\nWaiting at the review gate (${pending.length} open):\n`);
    for (const r of pending) io.err(`  ${r.id}  ${r.status.padEnd(8)}  ${r.key ?? ''}\n`);
    io.err('The stack keeps running. From another terminal (reviewer and approver must be different people):\n');
    io.err('  npx fsxn review show <id>\n');
    io.err('  npx fsxn review approve --all --as <reviewer>   then   npx fsxn review approve --all --as <approver>\n');
    io.err('  npx fsxn review reject <id> --reason "..." --as <identity>\n');
  };

  const chain = (work: () => Promise<void>) => {
    gateWork = gateWork.then(work).catch((error: unknown) => {
      io.err(`review handling failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  };

  return {
    onGate() {
      if (reviewAs !== undefined) {
        chain(approveAll);
      } else {
        clearTimeout(listingTimer);
        listingTimer = setTimeout(() => chain(listGate), 300);
      }
    },
    async settle() {
      clearTimeout(listingTimer);
      await gateWork;
    },
  };
};
