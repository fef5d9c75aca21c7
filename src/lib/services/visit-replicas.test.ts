// The rules' own replica of the visit shards (visit-replicas.ts), over real y-indexeddb
// databases (fake-indexeddb): read from the device, it gives the alerts the page's own
// documents give, without the page opening a shard; a visit logged on the page reaches it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Kind, RecordOf } from '$lib/domain';
import type { RecordReader, WorkspaceDocs } from '$lib/doc';
import { persistDoc } from '$lib/local/persistence';
import { RuleEngine, ruleSettings, type Alert } from '$lib/rules';
import { buildCountyDataset, openDatasetDocs, populateWorkspace } from '../../../tests/factories';
import { watchAlerts } from './alerts';

const ctx = { settings: ruleSettings(), today: '2026-06-30' };
const key = (a: Alert) => JSON.stringify(a);

const until = async (pred: () => boolean) => {
	for (let i = 0; i < 1000 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
	expect(pred()).toBe(true);
};

/** A county of 80 households with two years of visits, stored on this "device". */
async function storedCounty(seed: number) {
	const ds = buildCountyDataset(seed, {
		households: 80,
		perCadre: 20,
		endYear: 2025,
		yearsOfVisits: 2
	});
	const stored: { destroy(): Promise<void> }[] = [];
	const docs = await openDatasetDocs(ds, async (doc, { name }) => {
		stored.push(await persistDoc(ds.workspaceId, name, doc));
	});
	await populateWorkspace(docs, ds);
	return { ds, docs, stored };
}

const valid = <K extends Kind>(store: RecordReader, kind: K): RecordOf<K>[] =>
	store.list(kind).flatMap((r) => (r.ok && !r.deleted ? [r.record] : []));

/** The page-side path: every record validated from the page's own documents, shards included. */
async function pageSideAlerts(docs: WorkspaceDocs, withVisits = true): Promise<Alert[]> {
	const engine = new RuleEngine(ctx);
	engine.load({
		households: valid(docs.main, 'household'),
		cases: valid(docs.main, 'case'),
		plans: valid(docs.main, 'plan'),
		pairings: valid(docs.main, 'pairing'),
		filings: valid(docs.main, 'filing'),
		lastVisitByHousehold: docs.lastVisits(),
		...(withVisits
			? {
					visits: [
						...valid(await docs.visits(2026), 'visit'),
						...valid(await docs.visits(2025), 'visit')
					]
				}
			: {})
	});
	return engine.alerts();
}

/** The app's path on a device that has the workspace: main document opened, rules started. */
async function openOnDevice(ds: { workspaceId: string; actor: string }) {
	const stored: { destroy(): Promise<void> }[] = [];
	const docs = await openDatasetDocs(
		{ ...ds, writtenAt: '2026-06-30T10:00:00.000Z' } as Parameters<typeof openDatasetDocs>[0],
		async (doc, { name }) => {
			stored.push(await persistDoc(ds.workspaceId, name, doc));
		}
	);
	let alerts: Alert[] = [];
	let published = 0;
	const stop = watchAlerts(
		docs,
		() => ctx,
		(a) => {
			alerts = a;
			published++;
		}
	);
	// The first publication is from the summary; the second once the shards are in.
	await until(() => published >= 2);
	return {
		docs,
		alerts: () => alerts,
		close: async () => {
			stop();
			for (const s of stored) await s.destroy();
			docs.destroy();
		}
	};
}

describe('the rules’ replica of the visit shards', () => {
	it('[VISIT-OVERDUE] gives the alerts of the page-side path, and the page opens no shard', async () => {
		const { ds, docs, stored } = await storedCounty(21);
		const expected = (await pageSideAlerts(docs)).map(key).sort();
		const summaryOnly = (await pageSideAlerts(docs, false)).map(key).sort();
		for (const s of stored) await s.destroy();
		docs.destroy();
		// The visits decide alerts here: the last-visit summary alone gives other ones.
		expect(expected.some((a) => a.includes('VISIT-OVERDUE'))).toBe(true);
		expect(summaryOnly).not.toEqual(expected);

		const device = await openOnDevice(ds);
		expect(device.alerts().map(key).sort()).toEqual(expected);
		expect([...device.docs.shards.keys()]).toEqual([]);
		await device.close();
	});

	it('[VISIT-OVERDUE] a visit logged on the page reaches the rules’ replica', async () => {
		const { ds, docs, stored } = await storedCounty(22);
		for (const s of stored) await s.destroy();
		docs.destroy();
		const device = await openOnDevice(ds);
		const overdue = () => device.alerts().filter((a) => a.ruleId === 'VISIT-OVERDUE');
		const hid = overdue()[0]?.householdId;
		if (!hid) throw new Error('the data set has no overdue household');
		// The page opens this year's shard for the visit form, after the rules loaded theirs.
		const v = await device.docs.createVisit({
			kind: 'visit',
			date: '2026-06-29',
			subjectKind: 'household',
			subjectId: hid
		});
		expect(v.ok).toBe(true);
		await until(() => !overdue().some((a) => a.householdId === hid));
		await device.close();

		// The visit is stored once by the page; the replica added nothing of its own.
		const again = await openOnDevice(ds);
		expect(again.alerts().some((a) => a.ruleId === 'VISIT-OVERDUE' && a.householdId === hid)).toBe(
			false
		);
		await again.close();
	});
});
