// useFormSubmit: a form with errors is not sent, a failed send shows its message (the server's,
// else the error's text, else the form's own), the flag while it is sent, reset, and the errors
// checked again on each change only once a submission showed them.
import { describe, expect, it } from 'vitest';
import { nextTick, reactive } from 'vue';
import { ApiError } from '../api';
import { i18n } from '../i18n';
import type { FieldError } from '../lib/caseForms';
import { useFormSubmit } from '../lib/useFormSubmit';

// A note required, of at most 5 characters; `checked` counts the checks.
function noteForm(onFailure?: (e: unknown) => string | undefined) {
  const values = reactive({ note: '' });
  let checked = 0;
  const validate = () => {
    checked++;
    const errors: Record<string, FieldError> = {};
    if (!values.note) errors.note = { key: 'findings.errors.note' };
    else if (values.note.length > 5) errors.note = { key: 'findings.errors.noteLong', params: { n: values.note.length, max: 5 } };
    return errors;
  };
  return { values, checks: () => checked, form: useFormSubmit({ validate, values, onFailure }) };
}

describe('useFormSubmit', () => {
  it('does not send a form with errors and shows them in the UI language', async () => {
    i18n.global.locale.value = 'zh-CN';
    const { values, form } = noteForm();
    let sent = 0;
    const send = async () => { sent++; return 'sent'; };
    expect(await form.submit(send)).toBeUndefined();
    expect(sent).toBe(0);
    expect(form.err('note')).toBe('请填写处理说明');
    values.note = 'too long';
    expect(await form.submit(send)).toBeUndefined();
    expect(sent).toBe(0);
    expect(form.err('note')).toBe('说明有 8 个字，最多 5 个字');
    expect(form.err('other')).toBe('');
    expect(form.sending.value).toBe(false);
    expect(form.serverError.value).toBe('');
  });

  it('sends a right form and returns what the send returns, clearing an earlier refusal', async () => {
    const { values, form } = noteForm();
    values.note = 'ok';
    expect(await form.submit(async () => { throw new ApiError(400, 'INVALID_ARGUMENT', 'refused'); })).toBeUndefined();
    expect(form.serverError.value).toBe('refused');
    expect(await form.submit(async () => 42)).toBe(42);
    expect(form.serverError.value).toBe('');
    expect(form.errors.value).toEqual({});
  });

  it("shows the server's message of an ApiError and the text of any other error", async () => {
    const { values, form } = noteForm();
    values.note = 'ok';
    await form.submit(async () => { throw new ApiError(409, 'ABORTED', 'the case moved meanwhile'); });
    expect(form.serverError.value).toBe('the case moved meanwhile');
    await form.submit(async () => { throw new TypeError('Failed to fetch'); });
    expect(form.serverError.value).toBe('TypeError: Failed to fetch');
    expect(form.sending.value).toBe(false);
  });

  it('is sending while the send runs, and not after it succeeded or failed', async () => {
    const form = useFormSubmit();
    const during: boolean[] = [];
    let finish: (ok: boolean) => void = () => {};
    const send = () => new Promise<string>((resolve, reject) => {
      during.push(form.sending.value);
      finish = (ok) => (ok ? resolve('done') : reject(new ApiError(500, 'INTERNAL', 'broken')));
    });
    const succeeded = form.submit(send);
    expect(form.sending.value).toBe(true);
    finish(true);
    expect(await succeeded).toBe('done');
    expect(form.sending.value).toBe(false);
    const failed = form.submit(send);
    expect(form.sending.value).toBe(true);
    finish(false);
    expect(await failed).toBeUndefined();
    expect(form.sending.value).toBe(false);
    expect(during).toEqual([true, true]);
  });

  it('reset clears the errors and the refusal', async () => {
    const { form } = noteForm();
    await form.submit(async () => 'unsent');
    expect(form.err('note')).not.toBe('');
    form.serverError.value = 'refused';
    form.reset();
    expect(form.errors.value).toEqual({});
    expect(form.err('note')).toBe('');
    expect(form.serverError.value).toBe('');
  });

  it('checks each change again only once a submission showed errors, until they are gone', async () => {
    const { values, form, checks } = noteForm();
    values.note = 'too long';
    await nextTick();
    expect(checks()).toBe(0);
    expect(form.errors.value).toEqual({});
    await form.submit(async () => 'unsent');
    expect(checks()).toBe(1);
    expect(form.errors.value.note.key).toBe('findings.errors.noteLong');
    values.note = '';
    await nextTick();
    expect(checks()).toBe(2);
    expect(form.errors.value.note.key).toBe('findings.errors.note');
    values.note = 'ok';
    await nextTick();
    expect(form.errors.value).toEqual({});
    // Right again: the next mistake shows at the next submission, not while typing.
    values.note = '';
    await nextTick();
    expect(checks()).toBe(3);
    expect(form.errors.value).toEqual({});
  });

  it('lets the form react to a failure and show its own message, or put it on a field', async () => {
    const seen: string[] = [];
    const { values, form } = noteForm((e) => {
      if (!(e instanceof ApiError)) return undefined;
      seen.push(e.code);
      if (e.code === 'ALREADY_EXISTS') {
        form.errors.value = { note: { key: 'findings.errors.justifyNote' } };
        return '';
      }
      return e.status === 429 ? 'locked' : undefined;
    });
    values.note = 'ok';
    await form.submit(async () => { throw new ApiError(429, 'RESOURCE_EXHAUSTED', ''); });
    expect(form.serverError.value).toBe('locked');
    await form.submit(async () => { throw new ApiError(409, 'ABORTED', 'the case moved meanwhile'); });
    expect(form.serverError.value).toBe('the case moved meanwhile');
    await form.submit(async () => { throw new ApiError(409, 'ALREADY_EXISTS', 'taken'); });
    expect(form.serverError.value).toBe('');
    expect(form.err('note')).toBe(i18n.global.t('findings.errors.justifyNote'));
    await form.submit(async () => { throw new Error('offline'); });
    expect(form.serverError.value).toBe('Error: offline');
    expect(seen).toEqual(['RESOURCE_EXHAUSTED', 'ABORTED', 'ALREADY_EXISTS']);
  });
});
