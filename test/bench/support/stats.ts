/** Median and 90th percentile (nearest rank) of a sample, plus its size. */
export interface Summary {
  median: number;
  p90: number;
  runs: number;
}

/** Summarises durations or sizes; throws on an empty sample so a broken loop cannot pass. */
export function summarise(sample: readonly number[]): Summary {
  if (sample.length === 0) throw new Error('Nothing was measured');
  const sorted = [...sample].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  const p90 = sorted[Math.ceil(sorted.length * 0.9) - 1] ?? NaN;
  return { median, p90, runs: sorted.length };
}

/**
 * Runs `rounds` rounds of `measure(name, round)` for every name, rotating which goes first so
 * no implementation always runs on a warmer or colder process; the first `warmUp` rounds are
 * thrown away. Returns every name's kept samples.
 */
export async function alternate<N extends string>(
  names: readonly N[],
  { warmUp, rounds }: { warmUp: number; rounds: number },
  measure: (name: N, round: number) => Promise<number>,
): Promise<Record<N, number[]>> {
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<N, number[]>;
  for (let round = -warmUp; round < rounds; round += 1) {
    const shift = ((round % names.length) + names.length) % names.length;
    const order = [...names.slice(shift), ...names.slice(0, shift)];
    for (const name of order) {
      const ms = await measure(name, round);
      if (round >= 0) samples[name].push(ms);
    }
  }
  return samples;
}
