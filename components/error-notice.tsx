import type { SerializedApiError } from '../lib/model/errors';
import { hintFor, type ErrorSource } from './error-hints';
import { useServices } from './panel-services';

/** A failure in plain words with what to do about it, announced as an alert. */
export function ErrorNotice({
  error,
  id,
  source,
}: {
  error: Pick<SerializedApiError, 'error' | 'message' | 'retryAt'>;
  id?: string;
  /** The service the failed action talked to, for the right advice. */
  source?: ErrorSource;
}) {
  const { clock } = useServices();
  const hint = hintFor(error, clock(), source);
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <p className="notice-title">{error.message}</p>
      {hint && <p className="notice-hint">{hint}</p>}
    </div>
  );
}
