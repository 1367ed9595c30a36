import { message, type FormInstance } from 'antd';
import { useState } from 'react';
import { showFieldErrors } from '../../ui/problems';

export interface Failure {
  error: unknown;
  lines: string[];
}

/**
 * One page's writes: which is under way, and the last failure with its field errors put next to
 * the fields of `form` (what was typed stays). Returns whether the write went through.
 */
export function useAction(form?: FormInstance) {
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<Failure>();
  const run = async (name: string, write: () => Promise<unknown>, done?: string, prefix: (string | number)[] = []): Promise<boolean> => {
    setBusy(name);
    setFailure(undefined);
    try {
      await write();
      if (done) void message.success(done);
      return true;
    } catch (error) {
      setFailure({ error, lines: showFieldErrors(form, error, prefix) });
      return false;
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, failure, run, clear: () => setFailure(undefined) };
}
