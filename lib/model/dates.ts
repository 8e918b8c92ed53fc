/** `yyyy-mm-dd` of the local calendar day at `epochMs`: daily budgets and file names use the user's own day. */
export function localDay(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Epoch ms of the next local midnight after `epochMs`: when a daily budget resets. */
export function nextLocalMidnight(epochMs: number): number {
  const date = new Date(epochMs);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}
