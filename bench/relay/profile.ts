// Where does our relay spend the fan-out load? (standalone, not a suite)
//   node --import tsx bench/relay/profile.ts [seconds=30] [outdir=/tmp/relay-prof]
// Starts our relay exactly as the relay suite does plus `--cpu-prof`, runs the suite's
// fan-out load once (1,000 clients in 100 rooms, 200 updates/s), stops the relay with SIGTERM
// (the profile is written on exit) and prints where its main thread's time went.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fmt } from '../lib/stats';
import { summarise } from '../lib/cpuprofile';
import { killAll } from '../lib/procs';
import { Generator } from './generator';
import { fanout } from './scenarios';
import { startRelay } from './servers';

const seconds = Number(process.argv[2] ?? 30);
const dir = process.argv[3] ?? '/tmp/relay-prof';
mkdirSync(dir, { recursive: true });
const before = new Set(readdirSync(dir));
const root = join(import.meta.dirname, '../..');
const relay = await startRelay('bangfu', root, {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
const gen = await Generator.start(root, 2);
try {
	const r = await fanout(relay, gen, { rooms: 100, perRoom: 10, rate: 200, seconds });
	console.log(
		`fan-out: p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, lost ${r.lost}, relay CPU ${fmt(r.serverCpu)}%, ` +
			`generator ${r.generatorCpu.map((c) => `${fmt(c)}%`).join(' + ')}, machine ${fmt(r.machineCpu)}%, idle RSS ${fmt(r.idleRssMb)} MB`
	);
} finally {
	await gen.stop();
	await relay.stop();
	killAll();
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
if (!file) throw new Error(`no new .cpuprofile in ${dir}`);
const s = summarise(join(dir, file));
const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1)}%`;
console.log(`\n${join(dir, file)}: ${fmt(s.totalMs / 1000)} s of main thread sampled`);
console.log('\nself time by place:');
for (const p of s.places.slice(0, 14)) console.log(`  ${pct(p.ms).padStart(6)}  ${p.place}`);
console.log('\nself time by function:');
for (const f of s.functions.slice(0, 30)) {
	console.log(`  ${pct(f.ms).padStart(6)}  ${f.name}  ${f.where}`);
}
console.log('\ninclusive:');
for (const [label, re] of [
	['SQLite commit on this thread (sqliteTransaction)', /^sqliteTransaction$/],
	['classify (decode before storing)', /^classifyUpdate$/],
	['Y.applyUpdate', /^applyUpdate$/],
	['broadcast / send', /^broadcast$/],
	['ws receive', /^receiverOnMessage$|^dataMessage$/],
	['metrics (prom-client)', /^inc$|^observe$|^startTimer$/]
] as const) {
	console.log(`  ${pct(s.inclusive(re)).padStart(6)}  ${label}`);
}
