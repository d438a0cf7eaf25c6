// Pure parts of the API client: query strings and the error shape.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildQuery, errorFromBody, exportXlsxUrl, setCsrfToken, setUnauthenticatedHandler } from '../api';

// A fetch stub that records its calls and answers with `status` and `body`.
function stubFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
  setUnauthenticatedHandler(() => {});
});

describe('buildQuery', () => {
  it('leaves out empty, null and undefined values', () => {
    expect(buildQuery({ name: '张', region: '', village: undefined, offset: 0, new_only: null })).toBe('?name=%E5%BC%A0&offset=0');
  });
  it('is empty without parameters', () => {
    expect(buildQuery({})).toBe('');
    expect(buildQuery()).toBe('');
  });
});

describe('householdsExportUrl', () => {
  it('is the export route with the non-empty filters', () => {
    expect(api.householdsExportUrl({ name: '张', id_number: '', household_id: undefined, region: '630102' }))
      .toBe('/api/v1/households/export?name=%E5%BC%A0&region=630102');
  });
  it('without filters exports the scope', () => {
    expect(api.householdsExportUrl({ name: '', region: '' })).toBe('/api/v1/households/export');
  });
});

describe('exportXlsxUrl', () => {
  it('is the list with its filters, without its page, as a workbook in the UI\'s language', () => {
    expect(exportXlsxUrl('/cases', 'zh-CN', { state: 'monitored', region: '', offset: 40, limit: 20, open: '0' }))
      .toBe('/api/v1/cases?state=monitored&open=0&format=xlsx&lang=zh-CN');
  });
  it('without filters exports the whole list of the scope', () => {
    expect(exportXlsxUrl('/users', 'en')).toBe('/api/v1/users?format=xlsx&lang=en');
  });
});

describe('errorFromBody', () => {
  it('takes code, message and request id from the API error shape', () => {
    const e = errorFromBody(429, { error: { code: 'RESOURCE_EXHAUSTED', message: 'locked for 15 minutes', request_id: 'r1', details: {} } }, 'Too Many Requests');
    expect([e.status, e.code, e.message, e.requestId]).toEqual([429, 'RESOURCE_EXHAUSTED', 'locked for 15 minutes', 'r1']);
  });
  it('falls back to the status text for a body of another shape', () => {
    const e = errorFromBody(502, '<html>', 'Bad Gateway');
    expect([e.code, e.message]).toEqual(['HTTP_502', 'Bad Gateway']);
  });
});

describe('request', () => {
  it('sends the CSRF token and same-origin credentials on a POST', async () => {
    const calls = stubFetch(204, undefined);
    setCsrfToken('tok-1');
    await api.logout();
    const headers = calls[0].init.headers as Record<string, string>;
    expect([calls[0].url, calls[0].init.method, headers['X-CSRF-Token'], calls[0].init.credentials])
      .toEqual(['/api/v1/logout', 'POST', 'tok-1', 'same-origin']);
  });

  it('sends no CSRF token on a GET', async () => {
    const calls = stubFetch(200, { items: [] });
    setCsrfToken('tok-1');
    await api.runs();
    expect((calls[0].init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('puts the filters in the query string', async () => {
    const calls = stubFetch(200, { total: 0, offset: 0, limit: 20, items: [] });
    await api.households({ name: '李', region: '', offset: 20, limit: 20 });
    expect(calls[0].url).toBe('/api/v1/households?name=%E6%9D%8E&offset=20&limit=20');
  });

  it('calls the 401 handler when a session ends', async () => {
    stubFetch(401, { error: { code: 'UNAUTHENTICATED', message: 'session expired' } });
    let called = 0;
    setUnauthenticatedHandler(() => { called++; });
    await expect(api.runs()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(called).toBe(1);
  });

  it('does not call the 401 handler for a failed login', async () => {
    stubFetch(401, { error: { code: 'UNAUTHENTICATED', message: 'wrong username or password' } });
    let called = 0;
    setUnauthenticatedHandler(() => { called++; });
    const err = await api.login('a', 'b').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('wrong username or password');
    expect(called).toBe(0);
  });
});

describe('case routes', () => {
  it('posts an event with its fields, comment and attachment ids', async () => {
    const calls = stubFetch(200, { id: 4, state: 'home_visit' });
    setCsrfToken('tok-2');
    await api.actOnCase(4, { event: 'apply', fields: { authorization_signed: '1', applicant: '王五' }, comment: '', attachments: [9] });
    expect([calls[0].url, calls[0].init.method]).toEqual(['/api/v1/cases/4/events', 'POST']);
    expect(JSON.parse(String(calls[0].init.body))).toEqual({
      event: 'apply', fields: { authorization_signed: '1', applicant: '王五' }, comment: '', attachments: [9],
    });
    expect((calls[0].init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-2');
  });
  it('asks for the worklist and for a household\'s cases open or closed', async () => {
    const calls = stubFetch(200, { total: 0, offset: 0, limit: 20, items: [] });
    await api.cases({ worklist: 1, offset: 0, limit: 20 });
    await api.cases({ household: '6301210001', open: 0 });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/cases?worklist=1&offset=0&limit=20', '/api/v1/cases?household=6301210001&open=0',
    ]);
  });
  it('links attachments and the notice formats', () => {
    expect(api.caseAttachmentUrl(4, 9)).toBe('/api/v1/cases/4/attachments/9');
    expect(api.noticeUrl('630121100200', 'html')).toBe('/api/v1/notices/630121100200?format=html');
    expect(api.noticeUrl('630121100200', 'xlsx')).toBe('/api/v1/notices/630121100200?format=xlsx');
  });
});
