/** A measurement taken inside the page: how long it took, and what it produced. */
export interface Timed<T> {
  ms: number;
  value: T;
}
