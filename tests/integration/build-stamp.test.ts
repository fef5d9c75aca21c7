// `npm start` rebuilds only when the app's sources changed (scripts/build-stamp.mjs).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildIsCurrent, sourceHash, writeStamp } from '../../scripts/build-stamp.mjs';
import { buildRelay, relayIsCurrent } from '../../scripts/relay-build.mjs';
import { removeDir, tempDir } from '../../sync-server/test/helpers.ts';

let dir = '';
afterEach(() => removeDir(dir));

const stamp = { buildIsCurrent, sourceHash, writeStamp };

it('[ST1] a build is current until a source, a message or the lock file changes', () => {
	dir = tempDir('bangfu-stamp-');
	mkdirSync(join(dir, 'src/lib/paraglide'), { recursive: true });
	mkdirSync(join(dir, 'messages'));
	mkdirSync(join(dir, 'build'));
	writeFileSync(join(dir, 'src/app.html'), '<html></html>');
	writeFileSync(join(dir, 'messages/zh-CN.json'), '{"a":"甲"}');
	writeFileSync(join(dir, 'package-lock.json'), '{}');
	expect(stamp.buildIsCurrent(dir)).toBe(false);
	writeFileSync(join(dir, 'build/index.html'), '<html></html>');
	stamp.writeStamp(dir, stamp.sourceHash(dir));
	expect(stamp.buildIsCurrent(dir)).toBe(true);
	// Generated code does not count: it follows from messages/.
	writeFileSync(join(dir, 'src/lib/paraglide/messages.js'), 'export {}');
	expect(stamp.buildIsCurrent(dir)).toBe(true);
	writeFileSync(join(dir, 'messages/zh-CN.json'), '{"a":"乙"}');
	expect(stamp.buildIsCurrent(dir)).toBe(false);
	stamp.writeStamp(dir, stamp.sourceHash(dir));
	writeFileSync(join(dir, 'src/new-route.ts'), 'export {}');
	expect(stamp.buildIsCurrent(dir)).toBe(false);
	stamp.writeStamp(dir, stamp.sourceHash(dir));
	writeFileSync(join(dir, 'package-lock.json'), '{"v":2}');
	expect(stamp.buildIsCurrent(dir)).toBe(false);
	stamp.writeStamp(dir, stamp.sourceHash(dir));
	rmSync(join(dir, 'build/index.html'));
	expect(stamp.buildIsCurrent(dir)).toBe(false);
});

it('[ST2] the relay bundle is made from sync-server/src and rebuilt only when a relay source changes', async () => {
	dir = tempDir('bangfu-relay-stamp-');
	mkdirSync(join(dir, 'sync-server/src/store'), { recursive: true });
	mkdirSync(join(dir, 'src/lib/sync'), { recursive: true });
	writeFileSync(join(dir, 'package-lock.json'), '{}');
	writeFileSync(join(dir, 'src/lib/sync/protocol.ts'), 'export const V: number = 2;');
	writeFileSync(
		join(dir, 'sync-server/src/main.ts'),
		"import { V } from '../../src/lib/sync/protocol.ts';\nconsole.log('relay', V as number);"
	);
	writeFileSync(join(dir, 'sync-server/src/store/writer-worker.mjs'), 'export {};');
	expect(relayIsCurrent(dir)).toBe(false);
	await buildRelay(dir);
	expect(relayIsCurrent(dir)).toBe(true);
	// Plain JavaScript (the types are gone) with the protocol module inside, the worker beside it.
	const bundle = readFileSync(join(dir, 'sync-server/dist/main.mjs'), 'utf8');
	expect(bundle).toContain('console.log("relay", V)');
	expect(existsSync(join(dir, 'sync-server/dist/writer-worker.mjs'))).toBe(true);
	// A test file is not an input; a source of the relay or the shared protocol is.
	writeFileSync(join(dir, 'sync-server/src/main.test.ts'), 'export {}');
	expect(relayIsCurrent(dir)).toBe(true);
	writeFileSync(join(dir, 'src/lib/sync/protocol.ts'), 'export const V: number = 3;');
	expect(relayIsCurrent(dir)).toBe(false);
	await buildRelay(dir);
	expect(relayIsCurrent(dir)).toBe(true);
	writeFileSync(join(dir, 'sync-server/src/main.ts'), "console.log('changed');");
	expect(relayIsCurrent(dir)).toBe(false);
});
