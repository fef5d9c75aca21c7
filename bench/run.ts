// `npm run bench` is filled by the benchmarks issue. Until then it must not look like a result.
console.error('No benchmarks exist yet: nothing was measured.');
process.exit(1);
