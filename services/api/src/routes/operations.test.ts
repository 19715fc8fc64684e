import { startApi, type ApiHarness } from '../testing/api-harness';

describe('operations routes', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('GET /healthz and /readyz answer without a token', async () => {
    expect((await api.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await api.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { event_store: true, database: true } });
  });

  it('GET /metrics shows request latency, appends and projection lag', async () => {
    const account = await api.openAccount();
    await api.request('GET', '/api/v2/users/me', { token: account.ownerToken });
    const metrics = await api.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toMatch(
      /helpdesk_http_request_duration_seconds_count\{method="GET",route="\/api\/v2\/users\/me",status="200"\} 1/,
    );
    const appended = /helpdesk_events_appended_total (\d+)/.exec(metrics.text);
    expect(Number(appended?.[1])).toBeGreaterThan(0);
    expect(metrics.text).toMatch(/helpdesk_projection_lag_events\{projection="users"\} \d+/);
  });
});
