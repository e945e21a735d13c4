import { Client } from 'pg';
import { apiKeySession, contractFixture, ContractFixture, signup, useTestApp } from './support';

type Step = [action: string, body: object];
const steps: Record<string, Step> = {
  submit: ['submit', { contentUrl: 'https://drive.example.com/x' }],
  requestChanges: ['request-changes', { comment: 'Again' }],
  approve: ['approve', {}],
  publish: ['publish', { postUrl: 'https://www.instagram.com/p/x/' }],
  cancel: ['cancel', {}],
};
/** How to reach each status from planned through the API ("missed" is the worker's, set with SQL). */
const paths: Record<string, Step[]> = {
  planned: [],
  submitted: [steps.submit],
  changes_requested: [steps.submit, steps.requestChanges],
  approved: [steps.submit, steps.approve],
  published: [steps.submit, steps.approve, steps.publish],
  cancelled: [steps.cancel],
  missed: [],
};
const allowed: Record<string, string[]> = {
  planned: ['submit', 'cancel'],
  submitted: ['request-changes', 'approve', 'cancel'],
  changes_requested: ['submit', 'cancel'],
  approved: ['publish', 'cancel'],
  published: [],
  cancelled: [],
  missed: [],
};
const illegal = Object.entries(allowed).flatMap(([status, ok]) =>
  Object.values(steps)
    .filter(([action]) => !ok.includes(action))
    .map((step) => [status, ...step] as const),
);

describe('deliverable rules (e2e)', () => {
  const ctx = useTestApp();
  let fixture: ContractFixture;
  let pool: string[];

  beforeAll(async () => {
    fixture = await contractFixture(ctx.t, ctx.owner, {
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      plan: [{ type: 'post', platform: 'instagram', quantity: 60, per: 'term' }],
    });
    pool = (
      await ctx.t.http.get(`/v1/deliverables?contractId=${fixture.contractId}&limit=200`).set(ctx.owner.auth).expect(200)
    ).body.data.map((d: { id: string }) => d.id);
  });

  /** A fresh deliverable of the fixture's contract, moved to `status`. */
  async function inStatus(status: string): Promise<string> {
    const id = pool.shift()!;
    for (const [action, body] of paths[status])
      await ctx.t.http.post(`/v1/deliverables/${id}/${action}`).set(ctx.owner.auth).send(body).expect(200);
    if (status === 'missed') {
      const client = new Client({ connectionString: ctx.t.databaseUrl });
      await client.connect();
      await client.query(`UPDATE deliverables SET status = 'missed', missed_at = now() WHERE id = $1`, [id]);
      await client.end();
    }
    return id;
  }

  it.each(illegal)('refuses %s → %s with 409 and the current status', async (status, action, body) => {
    const id = await inStatus(status);
    const response = await ctx.t.http.post(`/v1/deliverables/${id}/${action}`).set(ctx.owner.auth).send(body).expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 409, code: 'DELIVERABLE_ILLEGAL_TRANSITION', currentStatus: status });
    expect((await ctx.t.http.get(`/v1/deliverables/${id}`).set(ctx.owner.auth).expect(200)).body.status).toBe(status);
  });

  it('lets exactly one of two concurrent approvals through (row lock, not read-then-write)', async () => {
    const id = await inStatus('submitted');
    const answers = await Promise.all([0, 1].map(() => ctx.t.http.post(`/v1/deliverables/${id}/approve`).set(ctx.owner.auth).send({})));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.currentStatus).toBe('approved');
  });

  it.each([
    [{ likes: -1 }, 'likes'],
    [{ views: 1.5 }, 'views'],
    [{ clicks: '3' }, 'clicks'],
    [{ followers: 3 }, 'followers'],
    [{ capturedAt: '2026-01-20T10:00:00' }, 'capturedAt'],
    [{ capturedAt: '2999-01-01T00:00:00Z' }, 'capturedAt'],
  ])('refuses metrics %j with a 400 naming %s and stores nothing', async (body, field) => {
    const id = await inStatus('published');
    const response = await ctx.t.http.post(`/v1/deliverables/${id}/metrics`).set(ctx.owner.auth).send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((await ctx.t.http.get(`/v1/deliverables/${id}`).set(ctx.owner.auth).expect(200)).body.metrics).toBeNull();
  });

  it('refuses metrics before publication (409) and a publication date in the future (400)', async () => {
    const id = await inStatus('approved');
    expect((await ctx.t.http.post(`/v1/deliverables/${id}/metrics`).set(ctx.owner.auth).send({ likes: 1 }).expect(409)).body).toMatchObject(
      { code: 'DELIVERABLE_NOT_PUBLISHED', currentStatus: 'approved' },
    );
    const future = await ctx.t.http
      .post(`/v1/deliverables/${id}/publish`)
      .set(ctx.owner.auth)
      .send({ postUrl: 'https://x.com/p/1', publishedAt: '2999-01-01T00:00:00Z' })
      .expect(400);
    expect(future.body.errors[0].field).toBe('publishedAt');
    await ctx.t.http.post(`/v1/deliverables/${id}/submit`).set(ctx.owner.auth).send({ contentUrl: 'not a url' }).expect(400);
  });

  it('lets a viewer read but not write (403)', async () => {
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    const id = await inStatus('submitted');
    await ctx.t.http.get(`/v1/deliverables/${id}`).set(viewer.auth).expect(200);
    await ctx.t.http.get('/v1/deliverables').set(viewer.auth).expect(200);
    for (const [action, body] of Object.values(steps))
      await ctx.t.http.post(`/v1/deliverables/${id}/${action}`).set(viewer.auth).send(body).expect(403);
    await ctx.t.http.post(`/v1/deliverables/${id}/metrics`).set(viewer.auth).send({}).expect(403);
    await ctx.t.http.patch(`/v1/deliverables/${id}`).set(viewer.auth).send({ brief: 'x' }).expect(403);
    expect((await ctx.t.http.get(`/v1/deliverables/${id}`).set(ctx.owner.auth).expect(200)).body.status).toBe('submitted');
  });

  it("answers 404 on every route to another workspace's deliverable and lists none of them", async () => {
    const intruder = await signup(ctx.t.http);
    const id = await inStatus('published');
    await ctx.t.http.get(`/v1/deliverables/${id}`).set(intruder.auth).expect(404);
    await ctx.t.http.patch(`/v1/deliverables/${id}`).set(intruder.auth).send({ brief: 'x' }).expect(404);
    for (const [action, body] of [...Object.values(steps), ['metrics', { likes: 1 }] as Step])
      await ctx.t.http.post(`/v1/deliverables/${id}/${action}`).set(intruder.auth).send(body).expect(404);
    expect((await ctx.t.http.get(`/v1/deliverables?contractId=${fixture.contractId}`).set(intruder.auth).expect(200)).body.data).toEqual(
      [],
    );
  });
});
