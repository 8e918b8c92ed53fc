import type { StoredError } from '../lib/model/errors';
import { hintFor } from './error-hints';
import { describeError } from './outcome-text';
import { useServices } from './panel-services';

/** A failure in plain words with what to do about it, announced as an alert. */
export function ErrorNotice({
  error,
  id,
}: {
  /** An error as it came back from the background, or as a job stored it (without its message). */
  error: Pick<StoredError, 'error' | 'reason' | 'retryAt' | 'details'> & { message?: string };
  id?: string;
}) {
  const { clock } = useServices();
  const now = clock();
  const hint = hintFor(error, now);
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <p className="notice-title">{describeError(error, now)}</p>
      {hint && <p className="notice-hint">{hint}</p>}
    </div>
  );
}
