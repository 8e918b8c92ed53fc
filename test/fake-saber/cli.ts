import { parseArgs } from 'node:util';
import { FakeSaber } from './fake-saber';
import { seedSampleLists } from './samples';
import { startFakeSaberServer } from './server';

/**
 * `npm run fake-saber [-- --port 8787 --seed 3 --connector disconnected --latency 300]`:
 * a Saber on this machine, so anyone can try sync without an account.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    key: { type: 'string' },
    seed: { type: 'string', default: '3' },
    connector: { type: 'string', default: 'connected' },
    latency: { type: 'string', default: '0' },
    'error-shape': { type: 'string', default: 'spec' },
  },
});

const shape = values['error-shape'];
if (shape !== 'spec' && shape !== 'nested' && shape !== 'statusCode') {
  throw new Error('--error-shape must be spec, nested or statusCode');
}
const fake = new FakeSaber({
  ...(values.key ? { apiKey: values.key } : {}),
  connector: values.connector,
  latencyMs: Number(values.latency),
  errorShape: shape,
  rateLimit: { limit: 120, windowMs: 60_000 },
});

seedSampleLists(fake, Number(values.seed));

const running = await startFakeSaberServer(fake, { port: Number(values.port), host: values.host });
console.log(`Fake Saber listening on ${running.url}`);
console.log('');
console.log('In Listwright: Settings →');
console.log(`  Saber base URL: ${running.url}`);
console.log(`  Saber API key:  ${fake.apiKey}`);
console.log('  (Chrome asks once for access to this origin when you save.)');
console.log('');
console.log(`${values.seed} sample lists; Sales Navigator connector: ${fake.connector}.`);
console.log('Poke it while it runs:');
console.log(`  curl -X PUT ${running.url}/_fake/connector -d '{"status":"disconnected"}'`);
console.log(`  curl -X POST ${running.url}/_fake/faults -d '{"status":503,"times":2}'`);
console.log(`  curl -X POST ${running.url}/_fake/lists -d '{"name":"Made on Saber"}'`);
console.log(`  curl ${running.url}/_fake/requests`);
console.log('Ctrl+C stops it.');

const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
