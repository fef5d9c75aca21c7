// The convergence fuzz's random edits through the typed API (convergence.test.ts), and how
// each one is written into the ledger.
import type { RecordStore } from './record-store';
import { TEXTS, track, type Ledger, type Replica, type Rng, type TextKind } from './fuzz-world';

function randomOp(r: Replica, g: Rng, ledger: Ledger, tag: () => string, op: number) {
	const main = r.stores.main;
	const shard = r.stores['visits-2026'];
	const hh = g.pick(main.ids('household'));
	const pl = g.pick(main.ids('plan'));
	const vi = g.pick(shard.ids('visit'));
	switch (op) {
		case 0:
			main.create('household', { headName: `户${tag()}` }, { id: `h${tag()}` });
			return;
		case 1:
			if (hh)
				main.create(
					'plan',
					{ subjectKind: 'household', subjectId: hh, year: 2026 },
					{ id: `p${tag()}` }
				);
			return;
		case 2:
			if (hh)
				shard.create(
					'visit',
					{
						kind: 'visit',
						date: `2026-0${1 + g.int(9)}-1${g.int(10)}`,
						subjectKind: 'household',
						subjectId: hh
					},
					{ id: `v${tag()}` }
				);
			return;
		case 3:
			if (hh)
				main.update('household', hh, {
					village: g.pick(['石门村', '河口村', '大坪村']),
					housingGrade: g.pick(['A', 'B', 'C', 'D'] as const)
				});
			return;
		case 4:
			if (hh)
				main.setPath(
					'household',
					hh,
					['policies', g.pick(['dibao', 'tekun', 'pension'] as const) ?? 'dibao'],
					g.chance(0.5)
				);
			return;
		case 5: {
			const [kind, id, store] =
				g.pick([
					['household', hh, main],
					['plan', pl, main],
					['visit', vi, shard]
				] as const) ?? [];
			if (kind && id && store) typeMarker(store, kind, id, g, ledger, tag());
			return;
		}
		case 6: {
			const [kind, id, store] =
				g.pick([
					['household', hh, main],
					['plan', pl, main],
					['visit', vi, shard]
				] as const) ?? [];
			if (kind && id && store) deleteMarker(store, kind, id, g, ledger);
			return;
		}
		case 7: {
			if (!hh) return;
			const itemId = `i${tag()}`;
			if (main.addItem('household', hh, 'members', { name: `成员${itemId}` }, { id: itemId }).ok)
				track(ledger.items, `household:${hh}:members`, itemId);
			return;
		}
		case 8: {
			if (!pl) return;
			const itemId = `m${tag()}`;
			if (main.addItem('plan', pl, 'measures', { type: 'industry' }, { id: itemId }).ok)
				track(ledger.items, `plan:${pl}:measures`, itemId);
			return;
		}
		case 9: {
			const [kind, id, list] =
				g.pick([
					['household', hh, 'members'],
					['plan', pl, 'measures']
				] as const) ?? [];
			if (!kind || !id) return;
			const items = Object.keys((main.raw(kind, id)?.[list] as object | undefined) ?? {});
			const itemId = g.pick(items);
			if (!itemId) return;
			if (g.chance(0.4)) {
				const removed =
					kind === 'household'
						? main.removeItem(kind, id, 'members', itemId)
						: main.removeItem(kind, id, 'measures', itemId);
				if (removed.ok) ledger.removedItems.add(`${kind}:${id}:${list}:${itemId}`);
			} else if (kind === 'household')
				main.updateItem(kind, id, 'members', itemId, { labour: g.pick(['weak', 'none'] as const) });
			else
				main.updateItem(kind, id, 'measures', itemId, {
					status: g.pick(['done', 'planned'] as const)
				});
			return;
		}
		case 10: {
			const [kind, id, store] =
				g.pick([
					['household', hh, main],
					['visit', vi, shard]
				] as const) ?? [];
			if (!kind || !id || !store) return;
			if (store.get(kind, id)?.deleted) store.restore(kind, id);
			else store.remove(kind, id);
			return;
		}
		case 12:
			if (hh) main.update('household', hh, { group: `组${tag()}` });
			return;
		case 13:
			if (r.docs.undo()) ledger.undos++;
			return;
		case 14:
			r.docs.redo();
			return;
		case 15: {
			if (!hh) return;
			const open = main.conflicts('household', hh).filter((c) => c.path.join('/') === 'group');
			if (open.length === 0) return;
			ledger.conflictsSeen++;
			// The person sees every value and picks one: all of them were replaced knowingly.
			for (const c of open) if (typeof c.value === 'string') track(ledger.groupSeen, hh, c.value);
			const pick = g.pick([...open.map((c) => c.value), open[0]?.current]);
			main.resolveConflict('household', hh, ['group'], pick);
			return;
		}
		default:
			if (vi) {
				shard.setPath('visit', vi, ['findings', g.pick(['q1', 'q2', 'q3']) ?? 'q1'], g.chance(0.5));
				if (g.chance(0.5)) shard.update('visit', vi, { purpose: `目的${tag()}` });
			}
	}
}

/** Runs one op and notes how it changed 组 on this replica (only its own writes change it). */
export function tracedOp(r: Replica, g: Rng, ledger: Ledger, tag: () => string) {
	const groups = () =>
		new Map(
			r.stores.main
				.ids('household')
				.map((id) => [id, r.stores.main.raw('household', id)?.['group']])
		);
	const contents = () => {
		const out = new Set<string>();
		for (const [name, kind] of [
			['main', 'household'],
			['main', 'plan'],
			['visits-2026', 'visit']
		] as const)
			for (const id of r.stores[name].ids(kind)) {
				const raw = r.stores[name].raw(kind, id) ?? {};
				for (const m of String(raw[TEXTS[kind]] ?? '').match(/⟦[^⟧]*⟧/g) ?? []) out.add(m);
				for (const list of ['members', 'measures'])
					for (const item of Object.keys((raw[list] as object | undefined) ?? {}))
						out.add(`${kind}:${id}:${list}:${item}`);
			}
		return out;
	};
	const op = g.int(16);
	const had = op === 13 || op === 14 ? contents() : undefined;
	// Only these ops write 组: an edit, undo, redo, a conflict pick.
	const before = op >= 12 && op <= 15 ? groups() : undefined;
	randomOp(r, g, ledger, tag, op);
	if (had) {
		const now = contents();
		for (const x of had) if (!now.has(x)) ledger.undone.add(x);
		for (const x of now) if (!had.has(x)) ledger.undone.add(x);
	}
	for (const [id, value] of before ? groups() : []) {
		const was = before?.get(id);
		if (value === was) continue;
		if (typeof value === 'string') track(ledger.groupWrites, id, value);
		if (typeof was === 'string') track(ledger.groupSeen, id, was);
	}
}

function typeMarker(
	store: RecordStore,
	kind: TextKind,
	id: string,
	g: Rng,
	ledger: Ledger,
	t: string
) {
	const text = String(store.raw(kind, id)?.[TEXTS[kind]] ?? '');
	// Insert only between markers, so each marker stays one contiguous run we can find.
	const bounds = [0, ...[...text.matchAll(/⟧/g)].map((m) => (m.index ?? 0) + 1)];
	const marker = `⟦${t}⟧`;
	if (store.editText(kind, id, TEXTS[kind], g.pick(bounds) ?? 0, 0, marker).ok)
		track(ledger.markers, `${kind}:${id}`, marker);
}

function deleteMarker(store: RecordStore, kind: TextKind, id: string, g: Rng, ledger: Ledger) {
	const text = String(store.raw(kind, id)?.[TEXTS[kind]] ?? '');
	const found = g.pick([...text.matchAll(/⟦[^⟧]*⟧/g)]);
	if (!found) return;
	if (store.editText(kind, id, TEXTS[kind], found.index ?? 0, found[0].length).ok)
		ledger.deletedMarkers.add(found[0]);
}
