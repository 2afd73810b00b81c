import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Callback } from './state-machine';

/** Step Functions limits: error ≤ 256 characters, cause ≤ 32,768. */
const MAX_CAUSE = 32_768;

/** Tells the waiting execution the outcome. The token is a bearer secret: it goes to SFN and nowhere else. */
export const sendCallback = async (sfn: SFNClient, taskToken: string, callback: Callback): Promise<void> => {
  if (callback.kind === 'success') {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(callback.output) }));
  } else {
    await sfn.send(
      new SendTaskFailureCommand({ taskToken, error: callback.error, cause: callback.cause.slice(0, MAX_CAUSE) }),
    );
  }
};

/** Errors after which resending with the same token cannot succeed (the execution stopped waiting). */
export const PERMANENT_CALLBACK_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);
