// The quarterly report's text as a co-edited record (node, fake-indexeddb): one record a
// quarter however often it is started, both people's typing kept, the export reading it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deviceService } from '$lib/services/device.svelte';
import { WorkspaceSession } from '$lib/services/workspace.svelte';
import { narrativeText } from '$lib/reports/quarterly';
import { QuarterlyNarrativeManager, readNarrative } from './quarterly-narrative.svelte';

const Q4 = { year: 2025, quarter: 4 } as const;

async function open(name: string) {
	await deviceService.load();
	const ws = await deviceService.createWorkspace(name, 'village');
	return WorkspaceSession.open(ws, () => deviceService.actorIn(ws.id));
}

describe('quarterly narrative', () => {
	it('prints the written sections under their headings, empty ones left out', () => {
		expect(
			narrativeText({
				work: ' 走访 120 户\n召开联席会 1 次 ',
				problems: '  ',
				nextSteps: '补齐台账'
			})
		).toBe('一、工作开展情况\n走访 120 户\n召开联席会 1 次\n三、下步打算\n补齐台账');
		expect(narrativeText({})).toBe('');
	});

	it('is one record a quarter, merges two people’s text, and is what the export reads', async () => {
		const a = await open('石门村工作组');
		const b = await open('石门村工作组（另一台）');
		const na = new QuarterlyNarrativeManager(a, Q4);
		const nb = new QuarterlyNarrativeManager(b, Q4);
		// Both start the quarter's text apart: the same id, so one record after they meet.
		expect(na.ensure()?.ok).toBe(true);
		expect(na.ensure()).toBeUndefined();
		expect(nb.ensure()?.ok).toBe(true);
		na.text('work').write('入户走访 120 户。');
		nb.text('work').write('召开村组会议 3 次。');
		nb.text('nextSteps').write('十二月补齐台账。');
		const da = a.docs.main.doc;
		const db = b.docs.main.doc;
		Y.applyUpdate(da, Y.encodeStateAsUpdate(db, Y.encodeStateVector(da)));
		Y.applyUpdate(db, Y.encodeStateAsUpdate(da, Y.encodeStateVector(db)));
		const text = readNarrative(a, Q4);
		expect(text).toBe(readNarrative(b, Q4));
		expect(text).toContain('入户走访 120 户。');
		expect(text).toContain('召开村组会议 3 次。');
		expect(text).toContain('三、下步打算\n十二月补齐台账。');
		expect(a.docs.main.list('narrative')).toHaveLength(1);
		expect(readNarrative(a, { year: 2025, quarter: 3 } as const)).toBe('');
		a.destroy();
		b.destroy();
	});
});
