import { toBoundaryError } from '@fsxn/lambda-kit';
import {
  OntapApiError,
  OntapJobFailedError,
  OntapJobTimeoutError,
  OntapNotFoundError,
  OntapResponseError,
  OntapTransportError,
} from '@fsxn/ontap-client';
import { describe, expect, it } from 'vitest';
import { OntapJobFailed, OntapRequestRejected, OntapUnavailable } from '../src/errors';
import { absentOn404, ontapStep, toStepError } from '../src/ontap-errors';

const request = { method: 'POST', path: '/api/storage/volumes', headers: {} };
const apiError = (status: number) =>
  new OntapApiError(status, { message: 'refused', code: '917', arguments: [] }, request);
const notFound = () =>
  new OntapNotFoundError(404, { message: 'entry does not exist', code: '4', arguments: [] }, request);

describe('toStepError', () => {
  it('turns a failed ONTAP job into OntapJobFailed with the job uuid, code and message (permanent)', () => {
    const mapped = toStepError(
      'CreateClone',
      new OntapJobFailedError({ uuid: 'j1', code: '917927', message: 'Insufficient space' }),
    );
    expect(mapped).toBeInstanceOf(OntapJobFailed);
    expect(mapped).toMatchObject({
      name: 'OntapJobFailed',
      jobUuid: 'j1',
      code: '917927',
      transient: false,
      message: 'CreateClone: ONTAP job j1 failed: Insufficient space (code 917927)',
    });
  });

  it('keeps 5xx, 429, network faults and a job still running transient as OntapUnavailable', () => {
    const transport = new OntapTransportError('connect ECONNREFUSED', {
      request,
      transient: true,
      beforeRequestSent: true,
    });
    for (const error of [apiError(503), apiError(429), transport, new OntapJobTimeoutError('j2', 'running', 5000)]) {
      const mapped = toStepError('Prepare', error);
      expect(mapped).toBeInstanceOf(OntapUnavailable);
      expect(mapped).toMatchObject({ transient: true, cause: error });
      expect((mapped as Error).message).toBe(`Prepare: ${error.message}`);
    }
  });

  it('makes a 4xx, a 404 and a malformed answer a permanent OntapRequestRejected by default', () => {
    for (const error of [apiError(400), notFound(), new OntapResponseError('not JSON', request)]) {
      const mapped = toStepError('CreateCache', error);
      expect(mapped).toBeInstanceOf(OntapRequestRejected);
      expect(mapped).toMatchObject({ transient: false, cause: error });
    }
  });

  it("hands a 404 to the service's own not-found error when one is given", () => {
    class MissingThing extends Error {
      override readonly name = 'MissingThing';
    }
    const error = notFound();
    const mapped = toStepError('Prepare', error, {
      notFound: (message, cause) => new MissingThing(message, { cause }),
    });
    expect(mapped).toBeInstanceOf(MissingThing);
    expect(mapped).toMatchObject({ message: `Prepare: ${error.message}`, cause: error });
  });

  it('returns errors that are not from the ONTAP client unchanged', () => {
    const own = new OntapRequestRejected('already named');
    const other = new TypeError('bug');
    expect(toStepError('Cleanup', own)).toBe(own);
    expect(toStepError('Cleanup', other)).toBe(other);
    expect(toStepError('Cleanup', 'text')).toBe('text');
  });

  it('keeps the name for the report and the verdict for the state machine across the handler boundary', () => {
    const boundary = toBoundaryError(toStepError('CheckOnline', apiError(502)));
    expect(boundary.name).toBe('TransientError');
    expect(boundary.message.startsWith('OntapUnavailable: CheckOnline: ')).toBe(true);
    expect(toBoundaryError(toStepError('CheckOnline', apiError(409))).name).toBe('PermanentError');
  });
});

describe('ontapStep / absentOn404', () => {
  it('resolves with the work result and throws mapped errors', async () => {
    await expect(ontapStep('Share', async () => 7)).resolves.toBe(7);
    await expect(
      ontapStep('Share', async () => {
        throw apiError(500);
      }),
    ).rejects.toBeInstanceOf(OntapUnavailable);
  });

  it('is absent on 404 and rethrows anything else untouched', async () => {
    await expect(absentOn404(async () => 'deleted' as const)).resolves.toBe('deleted');
    await expect(
      absentOn404(async () => {
        throw notFound();
      }),
    ).resolves.toBe('absent');
    const refused = apiError(403);
    await expect(
      absentOn404(async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
  });
});
