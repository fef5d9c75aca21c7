// The relay process: `npm run relay` (API + sync) and `npm start` (the same, plus the app).
import { loadConfig } from './config.ts';
import { log } from './log.ts';
import { openBlobStore } from './blobs/index.ts';
import { openFanout } from './fanout/index.ts';
import { createRelay } from './server.ts';
import { openStore } from './store/index.ts';

const config = loadConfig();
const relay = createRelay(config, {
	store: await openStore(config),
	fanout: await openFanout(config),
	blobs: await openBlobStore(config)
});
const port = await relay.listen();
// The address before any log line: it is what a person starting the relay looks for.
console.log(
	`[bangfu] listening on http://localhost:${port}${config.serveApp ? ' (app + relay)' : ' (relay)'}`
);
log('ready', {
	port,
	app: relay.serveApp,
	dataDir: config.dataDir,
	registration: config.registration
});
if (process.send) process.send({ ready: true });

let stopping = false;
const stop = (signal: string) => {
	if (stopping) return;
	stopping = true;
	log('stopping', { signal });
	relay.close().then(
		() => process.exit(0),
		(err: unknown) => {
			log('stop_failed', { error: String(err) });
			process.exit(1);
		}
	);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
