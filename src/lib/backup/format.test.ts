// The workspace file on real Yjs documents: it round-trips, merges two diverged copies keeping
// both sides' edits, and refuses anything damaged, foreign or newer before applying anything.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTestDocs } from '$lib/doc/test-helpers';
import {
	BACKUP_VERSION,
	encodeBackup,
	mergeDocument,
	readBackup,
	type BackupContent
} from './format';
import { sha256Hex } from './bytes';

const household = {
	headName: '王德华',
	village: '石门村',
	group: '三组',
	type: 'marginal' as const
};

async function contentOf(
	docs: Awaited<ReturnType<typeof openTestDocs>>,
	photos: BackupContent['photos'] = []
): Promise<BackupContent> {
	return {
		workspace: { id: 'ws1', kind: 'village', name: '石门村工作组' },
		exportedAt: new Date('2026-12-02T03:00:00Z'),
		exportedBy: { actor: '张老师 · d-1', role: 'editor' },
		documents: docs.stores().map((s) => ({ name: s.name, update: Y.encodeStateAsUpdate(s.doc) })),
		photos,
		photosLeftOut: 0
	};
}

async function photo(text: string) {
	const bytes = new TextEncoder().encode(text);
	return {
		sha256: await sha256Hex(bytes),
		type: 'image/jpeg',
		size: bytes.length,
		state: 'pending' as const,
		createdAt: '2026-12-01T00:00:00Z',
		bytes
	};
}

describe('workspace file', () => {
	it('[BK1] round-trips every document of the family and the photos', async () => {
		const a = await openTestDocs('张老师');
		const h = a.main.create('household', household);
		if (!h.ok) throw new Error('create');
		const v = await a.createVisit({
			kind: 'home_visit',
			date: '2026-11-20',
			subjectKind: 'household',
			subjectId: h.value
		});
		expect(v.ok).toBe(true);
		const text = await encodeBackup(await contentOf(a, [await photo('照片字节')]));
		const read = await readBackup(text, 'ws1');
		if (!read.ok) throw new Error(read.refusal);
		expect(read.file.documents.map((d) => d.name)).toEqual(['main', 'visits-2026']);
		expect(new TextDecoder().decode(read.file.photos[0]!.bytes)).toBe('照片字节');

		const b = await openTestDocs('李老师');
		for (const d of read.file.documents) {
			const store = d.name === 'main' ? b.main : await b.shard(d.name);
			expect(mergeDocument(store.doc, d.update, 'import')).toBe(true);
		}
		const got = b.main.get('household', h.value);
		expect(got?.ok && got.record.headName).toBe('王德华');
		expect((await b.visits(2026)).list('visit')).toHaveLength(1);
	});

	it('[BK2] merging two diverged copies keeps both sides’ edits and overwrites nothing', async () => {
		const a = await openTestDocs('张老师');
		const h = a.main.create('household', household);
		if (!h.ok) throw new Error('create');
		const b = await openTestDocs('李老师');
		Y.applyUpdate(b.main.doc, Y.encodeStateAsUpdate(a.main.doc));
		// Apart: A changes the group and writes notes, B adds a household and a phone number.
		a.main.update('household', h.value, { group: '五组', notes: '低保已办' });
		b.main.update('household', h.value, { phone: '13800000000' });
		const other = b.main.create('household', { ...household, headName: '李秀英' });
		if (!other.ok) throw new Error('create');

		const read = await readBackup(await encodeBackup(await contentOf(a)), 'ws1');
		if (!read.ok) throw new Error(read.refusal);
		mergeDocument(b.main.doc, read.file.documents[0]!.update, 'import');
		const merged = b.main.get('household', h.value);
		expect(merged?.ok && [merged.record.group, merged.record.notes, merged.record.phone]).toEqual([
			'五组',
			'低保已办',
			'13800000000'
		]);
		expect(b.main.get('household', other.value)?.ok).toBe(true);
		// The same file again teaches nothing new.
		expect(mergeDocument(b.main.doc, read.file.documents[0]!.update, 'import')).toBe(false);
	});

	it('[BK3] refuses a truncated, altered, foreign, newer or non-Bangfu file', async () => {
		const a = await openTestDocs();
		a.main.create('household', household);
		const text = await encodeBackup(await contentOf(a, [await photo('x')]));
		const env = JSON.parse(text) as Record<string, unknown> & {
			documents: { update: string }[];
			photos: { data: string }[];
		};
		const refusal = async (t: string, ws?: string) => {
			const r = await readBackup(t, ws);
			return r.ok ? 'accepted' : r.refusal;
		};
		expect(await refusal(text.slice(0, Math.floor(text.length / 2)))).toBe('unreadable');
		expect(await refusal('PK\u0003\u0004 not json')).toBe('unreadable');
		expect(await refusal(JSON.stringify({ households: [] }))).toBe('wrong_format');
		expect(await refusal(JSON.stringify([1, 2]))).toBe('wrong_format');
		expect(await refusal(JSON.stringify({ ...env, version: BACKUP_VERSION + 1 }))).toBe(
			'newer_version'
		);
		expect(await refusal(text, 'another-ws')).toBe('other_workspace');
		const { documents: _d, ...noDocs } = env;
		expect(await refusal(JSON.stringify(noDocs))).toBe('damaged');

		// One changed byte in a document (valid base64 still): its hash no longer matches.
		const bytes = Uint8Array.from(atob(env.documents[0]!.update), (c) => c.charCodeAt(0));
		bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
		const flipped = btoa(String.fromCharCode(...bytes));
		expect(
			await refusal(
				JSON.stringify({ ...env, documents: [{ ...env.documents[0], update: flipped }] })
			)
		).toBe('damaged');
		// Garbage bytes with a matching hash are still refused: they do not decode as Yjs.
		const junk = new Uint8Array([200, 1, 2, 3, 255, 255, 255]);
		const forged = {
			...env.documents[0],
			update: btoa(String.fromCharCode(...junk)),
			sha256: await sha256Hex(junk)
		};
		expect(await refusal(JSON.stringify({ ...env, documents: [forged] }))).toBe('damaged');
		expect(
			await refusal(JSON.stringify({ ...env, photos: [{ ...env.photos[0], data: btoa('y') }] }))
		).toBe('damaged');
		expect(await refusal(text, 'ws1')).toBe('accepted');
	});
});
