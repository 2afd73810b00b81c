import type { WaitForJobOptions } from '@fsxn/ontap-client';

/** The SVM and parent volume a run works on, resolved once by Prepare. */
export interface Prepared {
  readonly svm: { readonly name: string; readonly uuid: string };
  readonly parent: {
    readonly name: string;
    readonly uuid: string;
    readonly securityStyle: string | null;
    readonly junctionPath: string | null;
  };
}

export interface SnapshotRef {
  readonly volumeUuid: string;
  readonly uuid: string;
  readonly name: string;
  /** False for an existing snapshot the user named: cleanup never deletes it. */
  readonly createdByRun: boolean;
}

export interface SubmittedClone {
  /** The create job to watch; null when the clone already existed or was created inside the submit call. */
  readonly jobUuid: string | null;
  readonly submittedAt: string;
}

/** How long a step waits on a short ONTAP job (snapshot create, unmount, delete) before giving up. */
export interface JobWaitSettings {
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export const jobWait = (settings: JobWaitSettings): WaitForJobOptions => ({
  intervalMs: settings.intervalMs,
  timeoutMs: settings.timeoutMs,
});
