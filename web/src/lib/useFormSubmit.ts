// The submission of a form (the dialogs, the login): the fields' errors, checked here as the
// server checks them, the server's refusal, the flag while it is sent, and submit(send), which
// checks, sends and shows a failure.
import { ref, watch, type WatchSource } from 'vue';
import { i18n } from '../i18n';
import type { FieldError } from './caseForms';
import { errorMessage } from './usePagedList';

export interface FormSubmitOptions {
  // The errors of the form by field name (lib/*Form.ts and the like); none when it may be sent.
  validate?: () => Record<string, FieldError>;
  // What `validate` checks (a reactive object, a ref or a getter): once a submission showed
  // errors, each change of it checks again, so that an error goes as soon as it is fixed.
  values?: WatchSource<unknown> | object;
  // Called with the error of a failed send; returns the message to show instead of the server's
  // ('' for none, e.g. when it put the error on a field through `errors`), or nothing for the
  // server's. Where a form reacts to a code (the case moved meanwhile, say).
  onFailure?: (e: unknown) => string | undefined;
}

export function useFormSubmit(options: FormSubmitOptions = {}) {
  const { validate, values, onFailure } = options;
  const errors = ref<Record<string, FieldError>>({});
  const serverError = ref('');
  const sending = ref(false);
  const hasErrors = () => Object.keys(errors.value).length > 0;

  if (validate && values) watch(values, () => { if (hasErrors()) errors.value = validate(); });

  // The field's error in the UI's language, '' when it has none.
  const err = (name: string): string => {
    const e = errors.value[name];
    return e ? i18n.global.t(e.key, e.params ?? {}) : '';
  };

  // The form as it opens: no error shown.
  function reset() {
    errors.value = {};
    serverError.value = '';
  }

  // Checks the form and, when it is right, awaits `send` (the request and what follows it),
  // returning its result; undefined when the form has errors or the send failed (its message in
  // `serverError`).
  async function submit<T>(send: () => Promise<T>): Promise<T | undefined> {
    serverError.value = '';
    if (validate) {
      errors.value = validate();
      if (hasErrors()) return undefined;
    }
    sending.value = true;
    try {
      return await send();
    } catch (e) {
      serverError.value = onFailure?.(e) ?? errorMessage(e);
      return undefined;
    } finally {
      sending.value = false;
    }
  }

  return { errors, serverError, sending, err, reset, submit };
}
