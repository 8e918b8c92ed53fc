import type { SerializedApiError } from '../lib/model/errors';
import { hintFor } from './error-hints';
import { describeError } from './outcome-text';
import { useServices } from './panel-services';

/** A failure in plain words with what to do about it, announced as an alert. */
export function ErrorNotice({
  error,
  id,
}: {
  error: Pick<SerializedApiError, 'error' | 'message' | 'reason' | 'retryAt' | 'details'>;
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
