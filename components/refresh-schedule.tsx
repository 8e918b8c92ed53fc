import { useState } from 'react';
import type { ListRecord } from '../lib/db/records';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { ErrorNotice } from './error-notice';
import { useServices } from './panel-services';
import { AUTO_REFRESH_CHOICES, describeSchedule } from './refresh-text';

/**
 * How often the list refreshes itself (Off, Daily, Weekly), sent to the background as soon as it
 * is chosen, with when it was last refreshed, when it runs next, and why a scheduled run was skipped.
 * The select shows the stored choice, so a reload shows what the background kept.
 */
export function RefreshSchedule({ list }: { list: ListRecord }) {
  const { send, clock } = useServices();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SerializedApiError>();
  const text = describeSchedule(list.refresh, clock());

  async function choose(value: string) {
    const choice = AUTO_REFRESH_CHOICES.find((option) => option.value === value);
    if (!choice) return;
    setSaving(true);
    setFailure(undefined);
    try {
      await send('lists.setAutoRefresh', { listId: list.id, auto: choice.value });
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="schedule">
      <div className="schedule-row">
        <label htmlFor="auto-refresh" className="field-label">
          Auto-refresh
        </label>
        <select
          id="auto-refresh"
          className="input input-select"
          value={list.refresh?.auto ?? 'off'}
          disabled={saving}
          aria-describedby="schedule-text"
          onChange={(event) => void choose(event.target.value)}
        >
          {AUTO_REFRESH_CHOICES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <p id="schedule-text" className="schedule-text">
          <span>{text.last}</span>
          {text.next && <span>{text.next}</span>}
        </p>
      </div>
      {text.skipped && (
        <p className="notice notice-warning" role="status">
          {text.skipped}
        </p>
      )}
      {failure && <ErrorNotice error={failure} />}
    </div>
  );
}
