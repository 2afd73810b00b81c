import { parseArgs } from 'node:util';
import type { Role } from '@fsxn/human-review';
import { readStackState } from '@fsxn/local-stack';
import { CliError, type CliIo } from '../io';
import { stateRoot } from '../repo';
import { type ReviewDecision, StackReviews } from '../review-client';

export const REVIEW_HELP = `Usage: fsxn review <list | show <id> | approve <id> | reject <id>> [options]

Works on the review gates of the stack \`fsxn run\` / \`fsxn demo\` keeps running (found via .fsxn/stack.json).

Options:
  --as <identity>              who decides (required for approve/reject)
  --role reviewer|approver     role of the decision; by default reviewer for a PENDING review and
                               approver for a REVIEWED one (the approver must not be the reviewer)
  --all                        approve/reject every open review
  --reason <text>              why (required for reject)
  -h, --help                   this help
`;

const ROLES_ALLOWED = new Set(['reviewer', 'approver']);

export const reviewCommand = async (io: CliIo, argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      role: { type: 'string' },
      all: { type: 'boolean', default: false },
      reason: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [action, id] = positionals;
  if (values.help || !action) {
    io.out(REVIEW_HELP);
    return values.help ? 0 : 2;
  }
  if (values.role !== undefined && !ROLES_ALLOWED.has(values.role))
    throw new CliError('--role is reviewer or approver');
  const reviews = new StackReviews(await readStackState(stateRoot()));
  try {
    switch (action) {
      case 'list': {
        const pending = await reviews.list();
        if (pending.length === 0) io.out('No open reviews.\n');
        for (const r of pending) io.out(`${r.id}  ${r.status}  ${r.key ?? ''}  ${r.summary ?? ''}\n`);
        return 0;
      }
      case 'show':
        if (!id) throw new CliError('fsxn review show <id>');
        io.out(`${JSON.stringify(await reviews.show(id), null, 2)}\n`);
        return 0;
      case 'approve':
      case 'reject': {
        const decision: ReviewDecision = action === 'approve' ? 'approved' : 'rejected';
        if (!values.as) throw new CliError(`fsxn review ${action} needs --as <identity>`);
        if (decision === 'rejected' && !values.reason) throw new CliError('fsxn review reject needs --reason');
        const ids = values.all ? (await reviews.list()).map((r) => r.id) : id ? [id] : [];
        if (ids.length === 0)
          throw new CliError(values.all ? 'No open reviews.' : `fsxn review ${action} <id> | --all`);
        const actor = { id: values.as, ...(values.role ? { role: values.role as Role } : {}) };
        for (const reviewId of ids) io.out(`${await reviews.decide(reviewId, decision, actor, values.reason ?? '')}\n`);
        return 0;
      }
      default:
        throw new CliError(`Unknown review action "${action}"\n\n${REVIEW_HELP}`);
    }
  } finally {
    reviews.close();
  }
};
