// `npm start` rebuilds only when the app's sources changed (scripts/build-stamp.mjs).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildIsCurrent, sourceHash, writeStamp } from '../../scripts/build-stamp.mjs';
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
