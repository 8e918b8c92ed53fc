import { ConfirmDialog } from './confirm-dialog';
import { formatMoment } from './locale-format';
import { useServices } from './panel-services';

/** Asks before ending a cool-down early: sending to LinkedIn while it refuses is how accounts get restricted. */
export function ClearCoolDownDialog({ until, onClose }: { until: number; onClose: () => void }) {
  const { send, clock } = useServices();
  return (
    <ConfirmDialog
      id="clear-cool-down"
      title="Clear the cool-down?"
      description={
        <>
          LinkedIn refused requests, so LinkedIn work is paused until {formatMoment(until, clock())}. Sending requests again before then can
          get your LinkedIn account restricted. If LinkedIn refuses again, the next pause is longer.
        </>
      }
      cancelLabel="Keep the pause"
      confirmLabel="Clear cool-down"
      busyLabel="Clearing…"
      onConfirm={async () => {
        await send('linkedin.clearCoolDown', {});
        onClose();
      }}
      onClose={onClose}
    />
  );
}
