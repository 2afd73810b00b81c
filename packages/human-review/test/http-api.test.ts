import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '@fsxn/local-stack';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createReviewApi,
  createReviewTask,
  getTask,
  type ReviewApiHandler,
  type ReviewDeps,
  RoleMapError,
  reviewApiHttpEvents,
  reviewTableCfn,
  type UnexpectedErrorReport,
  UnknownUseCaseError,
} from '../src';

const ACCOUNT = '123456789012';
const TOKEN = 'AQCEAAAAKgAAAAMAAAAA-secret-task-token-7f3a';
const session = (role: string, name: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${name}`;
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

const ALICE = session('Reviewers', 'alice');
const BOB = session('Approvers', 'bob');
const CAROL = session('Approvers', 'carol');
const DAVE = user('dave');
const AUDREY = session('Auditors', 'audrey');
const OTTO = user('ops/otto');
const ANN = session('SharedReview', 'ann');
const BEN = session('SharedReview', 'ben');

const ROLE_MAP = JSON.stringify({
  // The map names the role with its IAM path; the session ARN API Gateway reports has none.
  [`arn:aws:iam::${ACCOUNT}:role/review/Reviewers`]: 'reviewer',
  [`arn:aws:iam::${ACCOUNT}:role/Approvers`]: ['approver'],
  [`arn:aws:iam::${ACCOUNT}:role/Auditors`]: ['auditor'],
  [`arn:aws:iam::${ACCOUNT}:role/SharedReview`]: ['reviewer', 'approver'],
  [DAVE]: ['reviewer', 'approver'],
  [`arn:aws:iam::${ACCOUNT}:user/otto`]: 'operator',
});

const DECISION = '/reviews/{reviewId}/decision';
const CANCEL = '/reviews/{reviewId}/cancel';
const REVIEW = '/reviews/{reviewId}';
const AUDIT = '/reviews/{reviewId}/audit';

interface RequestOptions {
  readonly userArn: string | null;
  readonly method?: string;
  readonly resource: string;
  readonly reviewId?: string;
  readonly path?: string;
  readonly body?: unknown;
  readonly rawBody?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

let requestCounter = 0;

/** An API Gateway REST proxy event as `AWS_IAM` authorization delivers it. */
const apiEvent = (o: RequestOptions): APIGatewayProxyEvent => {
  requestCounter += 1;
  const method = o.method ?? (o.body === undefined && o.rawBody === undefined ? 'GET' : 'POST');
  const path = o.path ?? o.resource.replace('{reviewId}', encodeURIComponent(o.reviewId ?? ''));
  const body = o.rawBody !== undefined ? o.rawBody : o.body === undefined ? null : JSON.stringify(o.body);
  return {
    body,
    headers: o.headers ?? {},
    multiValueHeaders: {},
    httpMethod: method,
    isBase64Encoded: o.isBase64Encoded ?? false,
    path,
    pathParameters: o.reviewId === undefined ? null : { reviewId: o.reviewId },
    queryStringParameters: o.query ?? null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    resource: o.resource,
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'a1b2c3d4e5',
      authorizer: undefined,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: {
        accessKey: o.userArn === null ? null : 'ASIAEXAMPLE',
        accountId: o.userArn === null ? null : ACCOUNT,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '198.51.100.7',
        user: null,
        userAgent: 'test',
        userArn: o.userArn,
      },
      path: `/prod${path}`,
      stage: 'prod',
      requestId: `req-${requestCounter}`,
      requestTimeEpoch: 1_779_440_400_000,
      resourceId: 'abc123',
      resourcePath: o.resource,
    },
  };
};

interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly requestId: string };
}

let ddb: LocalDynamoDb;
let deps: ReviewDeps;
let api: ReviewApiHandler;
const sfnMock = mockClient(SFNClient);
let tableCounter = 0;
/** Every response of the current test, checked for the task token after it. */
let responses: APIGatewayProxyResult[] = [];
let reports: UnexpectedErrorReport[] = [];

const call = async (handler: ReviewApiHandler, options: RequestOptions) => {
  const response = await handler(apiEvent(options));
  responses.push(response);
  return { status: response.statusCode, json: JSON.parse(response.body) as Record<string, unknown>, response };
};
const send = (options: RequestOptions) => call(api, options);
const errorOf = (json: Record<string, unknown>) => (json as unknown as ErrorBody).error;

beforeAll(async () => {
  ddb = await startDynamoDb();
});
afterAll(async () => ddb.stop());

beforeEach(async () => {
  sfnMock.reset();
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(SendTaskFailureCommand).resolves({});
  responses = [];
  reports = [];
  tableCounter += 1;
  const client = ddb.client();
  const tableName = `http-reviews-${tableCounter}`;
  await createTableFromCfn(client, tableName, reviewTableCfn());
  let tick = Date.parse('2026-05-22T09:00:00.000Z');
  deps = {
    db: DynamoDBDocumentClient.from(client),
    tableName,
    sfn: new SFNClient({ region: 'us-east-1' }),
    now: () => {
      tick += 1000;
      return new Date(tick);
    },
  };
  api = createReviewApi(deps, { roleMap: ROLE_MAP, reportError: (r) => reports.push(r) });
});

afterEach(() => {
  for (const response of responses) {
    expect(response.body).not.toContain(TOKEN);
    expect(response.body).not.toContain('task_token');
    expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
  }
});

const createReview = async (overrides: Partial<Parameters<typeof createReviewTask>[1]> = {}) =>
  (
    await createReviewTask(deps, {
      taskToken: TOKEN,
      useCaseId: 'uc05-healthcare-dicom',
      objectKey: 'dicom/patient-1.dcm',
      executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:uc05:run-1`,
      confidence: 0.97,
      summary: 'PHI removed from 4 tags',
      ...overrides,
    })
  ).reviewId;

describe('review API decisions', () => {
  it('releases a high-risk review after a reviewer and a different approver, refusing the reviewer as approver', async () => {
    const reviewId = await createReview();

    const listed = await send({ userArn: ALICE, resource: '/reviews' });
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({ count: 1, reviews: [{ review_id: reviewId, status: 'PENDING' }] });

    const reviewed = await send({ userArn: DAVE, resource: DECISION, reviewId, body: { decision: 'approved' } });
    expect(reviewed.status).toBe(200);
    expect(reviewed.json).toMatchObject({ review: { status: 'REVIEWED', reviewers: [DAVE] }, callback: 'NONE' });

    // Dave holds the approver role too, so this is refused for separation of duties, not for a missing role.
    const again = await send({ userArn: DAVE, resource: DECISION, reviewId, body: { decision: 'approved' } });
    expect(again.status).toBe(403);
    expect(errorOf(again.json).code).toBe('SeparationOfDutiesError');
    expect(sfnMock.calls()).toHaveLength(0);

    const approved = await send({
      userArn: BOB,
      resource: DECISION,
      reviewId,
      body: { decision: 'approved', comment: 'release it' },
    });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ review: { status: 'APPROVED' }, callback: 'SENT' });

    const calls = sfnMock.commandCalls(SendTaskSuccessCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.taskToken).toBe(TOKEN);
    expect(JSON.parse(String(calls[0]?.args[0].input.output))).toMatchObject({
      decision: 'approved',
      reviewId,
      reviewer: DAVE,
      approver: BOB,
      comment: 'release it',
    });
    expect(sfnMock.commandCalls(SendTaskFailureCommand)).toHaveLength(0);

    const audit = await send({ userArn: AUDREY, resource: AUDIT, reviewId });
    expect(audit.status).toBe(200);
    const trail = audit.json.audit as { action: string; reviewer_id: string; actor_role: string }[];
    expect(trail.map((e) => [e.action, e.reviewer_id, e.actor_role])).toEqual([
      ['created', '', 'system'],
      ['reviewed', DAVE, 'reviewer'],
      ['approved', BOB, 'approver'],
    ]);
    expect(reports).toEqual([]);
  });

  it('keeps two people working through one shared role distinct, and records their session identities', async () => {
    const reviewId = await createReview();
    expect((await send({ userArn: ANN, resource: DECISION, reviewId, body: { decision: 'approved' } })).status).toBe(
      200,
    );
    const self = await send({ userArn: ANN, resource: DECISION, reviewId, body: { decision: 'approved' } });
    expect(self.status).toBe(403);
    expect(errorOf(self.json).code).toBe('SeparationOfDutiesError');
    const other = await send({ userArn: BEN, resource: DECISION, reviewId, body: { decision: 'approved' } });
    expect(other.json).toMatchObject({ review: { status: 'APPROVED', final: { reviewer: ANN, approver: BEN } } });
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });

  it('answers one of two racing approvals and refuses the other with 409, sending one callback', async () => {
    const reviewId = await createReview();
    await send({ userArn: ALICE, resource: DECISION, reviewId, body: { decision: 'approved' } });
    const outcomes = await Promise.all(
      [BOB, CAROL].map((userArn) => send({ userArn, resource: DECISION, reviewId, body: { decision: 'approved' } })),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409]);
    const loser = outcomes.find((o) => o.status === 409);
    expect(loser && errorOf(loser.json).code).toBe('DecisionConflictError');
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });

  it('sends ReviewRejected with the comment when an approver rejects', async () => {
    const reviewId = await createReview();
    const rejected = await send({
      userArn: BOB,
      resource: DECISION,
      reviewId,
      body: { decision: 'rejected', comment: 'burned-in name on frame 3' },
    });
    expect(rejected.json).toMatchObject({ review: { status: 'REJECTED' }, callback: 'SENT' });
    expect(sfnMock.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: TOKEN, error: 'ReviewRejected', cause: 'burned-in name on frame 3' },
    ]);
  });
});

describe('review API identities and roles', () => {
  it('refuses requests with no identity, the root user, and principals missing from the role map', async () => {
    const reviewId = await createReview();
    for (const userArn of [null, `arn:aws:iam::${ACCOUNT}:root`, session('Admins', 'alice'), user('mallory')]) {
      for (const request of [
        { userArn, resource: '/reviews' },
        { userArn, resource: REVIEW, reviewId },
        { userArn, resource: DECISION, reviewId, body: { decision: 'approved' } },
      ]) {
        const result = await send(request);
        expect(result.status).toBe(403);
        expect(errorOf(result.json).code).toBe('UnauthorizedActionError');
      }
    }
    expect((await getTask(deps, reviewId)).status).toBe('PENDING');
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('takes roles only from the role map, never from headers or the body', async () => {
    const reviewId = await createReview();
    const viaHeader = await send({
      userArn: user('mallory'),
      resource: DECISION,
      reviewId,
      headers: { 'x-fsxn-actor': 'dave', 'x-fsxn-roles': 'approver' },
      body: { decision: 'approved' },
    });
    expect(viaHeader.status).toBe(403);
    const viaBody = await send({
      userArn: ALICE,
      resource: DECISION,
      reviewId,
      body: { decision: 'approved', actor: { id: 'dave', roles: ['approver'] } },
    });
    expect(viaBody.status).toBe(400);
    expect(errorOf(viaBody.json).message).toMatch(/actor/);
    expect((await getTask(deps, reviewId)).status).toBe('PENDING');
  });

  it('lets auditors read but not decide, and only operators cancel', async () => {
    const reviewId = await createReview();
    expect((await send({ userArn: AUDREY, resource: '/reviews' })).status).toBe(200);
    const view = await send({ userArn: AUDREY, resource: REVIEW, reviewId });
    expect(view.json).toMatchObject({
      review: { review_id: reviewId, object_key: 'dicom/patient-1.dcm', summary: 'PHI removed from 4 tags' },
    });
    expect(view.response.body).not.toContain('open_bucket');
    expect((await send({ userArn: AUDREY, resource: AUDIT, reviewId })).status).toBe(200);

    for (const userArn of [AUDREY, OTTO]) {
      const decision = await send({ userArn, resource: DECISION, reviewId, body: { decision: 'approved' } });
      expect(decision.status).toBe(403);
      expect(errorOf(decision.json).message).toMatch(/needs one of the roles reviewer, approver/);
      // The route's roles are checked before the review is read, so nothing about it is revealed.
      const unknown = await send({ userArn, resource: DECISION, reviewId: 'rv-0', body: { decision: 'approved' } });
      expect(unknown.status).toBe(403);
    }
    for (const userArn of [ALICE, BOB, AUDREY]) {
      expect((await send({ userArn, resource: CANCEL, reviewId, body: { comment: 'x' } })).status).toBe(403);
    }
    expect(sfnMock.calls()).toHaveLength(0);

    const cancelled = await send({
      userArn: OTTO,
      resource: CANCEL,
      reviewId,
      body: { comment: 'source file withdrawn' },
    });
    expect(cancelled.json).toMatchObject({ review: { status: 'CANCELLED' }, callback: 'SENT' });
    expect(sfnMock.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: TOKEN, error: 'ReviewCancelled', cause: 'source file withdrawn' },
    ]);
  });

  it('lets an operator cancel with no body at all', async () => {
    const reviewId = await createReview();
    const cancelled = await send({ userArn: OTTO, method: 'POST', resource: CANCEL, reviewId, rawBody: null });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ review: { status: 'CANCELLED' } });
  });
});

describe('review API request errors', () => {
  it('answers malformed bodies, ids and queries with 400 naming the problem', async () => {
    const reviewId = await createReview();
    const cases: [RequestOptions, RegExp][] = [
      [{ userArn: ALICE, resource: DECISION, reviewId, rawBody: '{"decision": "approved"' }, /not valid JSON/],
      [{ userArn: ALICE, method: 'POST', resource: DECISION, reviewId, rawBody: null }, /needs a JSON body/],
      [{ userArn: ALICE, resource: DECISION, reviewId, body: { decision: 'maybe' } }, /decision/],
      [{ userArn: ALICE, resource: DECISION, reviewId, body: ['approved'] }, /invalid decision/],
      [{ userArn: ALICE, resource: DECISION, reviewId, body: { comment: 'no decision' } }, /decision/],
      [{ userArn: ALICE, resource: DECISION, reviewId, body: { decision: 'approved', comment: 7 } }, /comment/],
      [
        { userArn: ALICE, resource: DECISION, reviewId, body: { decision: 'approved', comment: 'x'.repeat(10_001) } },
        /comment/,
      ],
      [{ userArn: ALICE, resource: REVIEW, reviewId: 'rv 1;drop' }, /review id/],
      [{ userArn: ALICE, resource: '/reviews', query: { limit: '0' } }, /limit/],
    ];
    for (const [request, message] of cases) {
      const result = await send(request);
      expect(result.status, JSON.stringify(request.body ?? request.rawBody ?? request.reviewId)).toBe(400);
      expect(errorOf(result.json)).toMatchObject({ code: 'ReviewValidationError', requestId: expect.any(String) });
      expect(errorOf(result.json).message).toMatch(message);
    }
    expect((await getTask(deps, reviewId)).status).toBe('PENDING');
  });

  it('reads a base64-encoded body as API Gateway delivers binary payloads', async () => {
    const reviewId = await createReview();
    const rawBody = Buffer.from(JSON.stringify({ decision: 'escalated', comment: 'unsure' })).toString('base64');
    const result = await send({
      userArn: ALICE,
      method: 'POST',
      resource: DECISION,
      reviewId,
      rawBody,
      isBase64Encoded: true,
    });
    expect(result.json).toMatchObject({ review: { status: 'PENDING', level: 2, escalation_required: true } });
  });

  it('answers 404 for unknown reviews and paths, and 405 with Allow for a wrong method', async () => {
    const missing = await send({ userArn: AUDREY, resource: REVIEW, reviewId: 'rv-000000000000000000000000' });
    expect(missing.status).toBe(404);
    expect(errorOf(missing.json).code).toBe('ReviewNotFoundError');
    const decision = await send({
      userArn: BOB,
      resource: DECISION,
      reviewId: 'rv-000000000000000000000000',
      body: { decision: 'approved' },
    });
    expect(decision.status).toBe(404);
    const nowhere = await send({ userArn: BOB, resource: '/{proxy+}', path: '/admin/users' });
    expect(nowhere.status).toBe(404);
    expect(errorOf(nowhere.json).code).toBe('RouteNotFoundError');
    const wrongMethod = await send({ userArn: BOB, method: 'DELETE', resource: REVIEW, reviewId: 'rv-1' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.response.headers?.allow).toBe('GET');
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('routes by path when deployed behind a proxy resource', async () => {
    const reviewId = await createReview();
    const audit = await send({ userArn: AUDREY, resource: '/{proxy+}', path: `/reviews/${reviewId}/audit` });
    expect(audit.status).toBe(200);
    expect(audit.json).toMatchObject({ reviewId, audit: [{ action: 'created' }] });
  });

  it('answers an unexpected failure with a bare 500 and request id, reporting the details only to the log', async () => {
    const reviewId = await createReview();
    const failing: ReviewDeps = {
      ...deps,
      db: {
        send: async () => {
          throw new Error('connect ECONNREFUSED 10.0.4.7:443 (internal-dynamo-proxy)', {
            cause: new Error('socket hang up'),
          });
        },
      } as unknown as DynamoDBDocumentClient,
    };
    const logged: UnexpectedErrorReport[] = [];
    const broken = createReviewApi(failing, { roleMap: ROLE_MAP, reportError: (r) => logged.push(r) });
    const result = await call(broken, { userArn: BOB, resource: DECISION, reviewId, body: { decision: 'approved' } });
    expect(result.status).toBe(500);
    const requestId = `req-${requestCounter}`;
    expect(result.json).toEqual({
      error: {
        code: 'InternalError',
        message: 'the review API failed unexpectedly; quote the request id to an operator',
        requestId,
      },
    });
    for (const internal of ['ECONNREFUSED', '10.0.4.7', 'internal-dynamo-proxy', 'socket hang up', '    at ']) {
      expect(result.response.body).not.toContain(internal);
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      requestId,
      route: `POST ${DECISION}`,
      error: { name: 'Error', message: expect.stringContaining('ECONNREFUSED'), cause: { message: 'socket hang up' } },
    });
    expect(sfnMock.calls()).toHaveLength(0);
  });
});

describe('review API scoped to one use case', () => {
  it('treats reviews of other use cases as missing and lists only its own', async () => {
    const dicom = await createReview();
    const legal = await createReview({ useCaseId: 'uc01-legal-compliance', objectKey: 'legal/a.pdf' });
    const scoped = createReviewApi(deps, { roleMap: ROLE_MAP, useCaseId: 'UC1', reportError: (r) => reports.push(r) });

    const listed = await call(scoped, { userArn: AUDREY, resource: '/reviews' });
    expect((listed.json.reviews as { review_id: string }[]).map((r) => r.review_id)).toEqual([legal]);
    expect((await call(scoped, { userArn: AUDREY, resource: REVIEW, reviewId: dicom })).status).toBe(404);
    expect((await call(scoped, { userArn: AUDREY, resource: AUDIT, reviewId: dicom })).status).toBe(404);
    const decision = await call(scoped, {
      userArn: BOB,
      resource: DECISION,
      reviewId: dicom,
      body: { decision: 'rejected' },
    });
    expect(decision.status).toBe(404);
    expect((await getTask(deps, dicom)).status).toBe('PENDING');
    expect(sfnMock.calls()).toHaveLength(0);

    const otherUseCase = await call(scoped, { userArn: AUDREY, resource: '/reviews', query: { useCase: 'UC5' } });
    expect(otherUseCase.status).toBe(400);
    // UC1 is single-step: one approval releases it.
    const approved = await call(scoped, {
      userArn: ALICE,
      resource: DECISION,
      reviewId: legal,
      body: { decision: 'approved' },
    });
    expect(approved.json).toMatchObject({ review: { status: 'APPROVED' }, callback: 'SENT' });
    expect(reports).toEqual([]);
  });

  it('filters the unscoped list by ?useCase=', async () => {
    await createReview();
    const legal = await createReview({ useCaseId: 'uc01-legal-compliance', objectKey: 'legal/a.pdf' });
    const listed = await send({ userArn: AUDREY, resource: '/reviews', query: { useCase: 'legal-compliance' } });
    expect(listed.json).toMatchObject({ count: 1, reviews: [{ review_id: legal }] });
  });
});

describe('createReviewApi configuration', () => {
  it('fails at creation on a missing or malformed role map, or an unknown use case', () => {
    expect(() => createReviewApi(deps, { roleMap: undefined })).toThrow(RoleMapError);
    expect(() => createReviewApi(deps, { roleMap: '{"arn:aws:iam::123456789012:role/R": "boss"}' })).toThrow(
      RoleMapError,
    );
    expect(() => createReviewApi(deps, { roleMap: ROLE_MAP, useCaseId: 'uc99' })).toThrow(UnknownUseCaseError);
  });
});

describe('reviewApiHttpEvents', () => {
  it('declares one IAM-authorized REST event per route', () => {
    expect(reviewApiHttpEvents()).toEqual([
      { http: { method: 'get', path: 'reviews', authorizer: 'aws_iam' } },
      { http: { method: 'get', path: 'reviews/{reviewId}', authorizer: 'aws_iam' } },
      { http: { method: 'get', path: 'reviews/{reviewId}/audit', authorizer: 'aws_iam' } },
      { http: { method: 'post', path: 'reviews/{reviewId}/decision', authorizer: 'aws_iam' } },
      { http: { method: 'post', path: 'reviews/{reviewId}/cancel', authorizer: 'aws_iam' } },
    ]);
  });

  it('declares only routes the handler serves', async () => {
    for (const { http } of reviewApiHttpEvents()) {
      const result = await send({
        userArn: DAVE,
        method: http.method.toUpperCase(),
        resource: `/${http.path}`,
        ...(http.path.includes('{reviewId}') ? { reviewId: 'rv-000000000000000000000000' } : {}),
        ...(http.method === 'post' ? { body: { decision: 'approved' } } : {}),
      });
      expect(['RouteNotFoundError', 'MethodNotAllowedError']).not.toContain(
        result.status === 200 ? 'ok' : errorOf(result.json).code,
      );
    }
  });
});
