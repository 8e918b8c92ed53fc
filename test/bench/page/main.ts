import { createBenchApi, type BenchApi } from './bench-api';

declare global {
  interface Window {
    bench: BenchApi;
  }
}

window.bench = createBenchApi();
