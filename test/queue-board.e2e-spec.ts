import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { apiKeySession, signup, useTestApp } from './support';
import { createApiApp } from '../apps/api/src/core/app.setup';

describe('Bull Board at /admin/queues (e2e)', () => {
  const ctx = useTestApp();
  let board: NestExpressApplication;
  afterAll(() => board?.close());

  it('is off without operator workspaces, and open only to admins of them', async () => {
    await ctx.t.http.get('/admin/queues').set(ctx.owner.auth).expect(404);

    // A second API on the same database whose configuration names the owner's workspace as operator.
    board = await createApiApp({ ...ctx.t.env, OPERATOR_WORKSPACE_IDS: ctx.owner.workspaceId });
    await board.init();
    const http = request(board.getHttpServer());
    const api = await http.get('/admin/queues/api/queues').set(ctx.owner.auth).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['notifications', 'scheduled']));

    await http.get('/admin/queues/api/queues').expect(401);
    const manager = await apiKeySession(ctx.t.http, ctx.owner, 'manager');
    await http.get('/admin/queues/api/queues').set(manager.auth).expect(403);
    const otherTenant = await signup(ctx.t.http);
    await http.get('/admin/queues/api/queues').set(otherTenant.auth).expect(403);

    const form = await http.get('/admin/queues').set('Accept', 'text/html').expect(200);
    expect(form.text).toContain('<form method="post"');
    const login = await http.post('/admin/queues/login').type('form').send({ token: ctx.owner.token }).expect(303);
    const cookie = login.headers['set-cookie'][0];
    expect(cookie).toMatch(/^acrm_board=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    await http.get('/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    const ui = await http.get('/admin/queues').set('Cookie', cookie.split(';')[0]).set('Accept', 'text/html').expect(200);
    expect(ui.text).not.toContain('<form method="post"');
    expect(ui.text).toMatch(/<script/);
    await http
      .post('/admin/queues/login')
      .type('form')
      .send({ token: manager.auth.Authorization.slice(7) })
      .expect(403);
  });
});
