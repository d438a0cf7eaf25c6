// Pure parts of the API client: query strings and the error shape.
import { describe, expect, it } from 'vitest';
import { buildQuery, errorFromBody } from '../api';

describe('buildQuery', () => {
  it('leaves out empty, null and undefined values', () => {
    expect(buildQuery({ name: '张', region: '', village: undefined, offset: 0, new_only: null })).toBe('?name=%E5%BC%A0&offset=0');
  });
  it('is empty without parameters', () => {
    expect(buildQuery({})).toBe('');
    expect(buildQuery()).toBe('');
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
