// Node flags the relay process runs with, in one place for `npm start`/`npm run relay`
// (scripts/ensure.mjs) and the benchmarks (bench/relay/servers.ts).
//
// --max-semi-space-size=2: V8 sizes its young generation from the live heap at start, and
// the relay starts with a few MB more than a bare server (zod, prom-client, jose), which
// makes V8 double the semi-spaces one step earlier: ~30 MB of RSS with 1,000 idle clients
// that hold no data (docs/decisions/0005-relay-performance.md). 2 MB semi-spaces keep RSS
// down; the relay's objects are short-lived protocol buffers that die young either way.
export const RELAY_NODE_FLAGS = ['--max-semi-space-size=2'];
