// Presence between two devices: each sees the other's name, colour and field on the same
// plan, not on another one, and a device that leaves disappears. Two real y-protocols
// Awareness instances exchange their real update messages (what the relay forwards).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { PresenceManager, colorFor } from './presence.svelte';

function link(a: Awareness, b: Awareness) {
	const relay = (from: Awareness, to: Awareness) =>
		from.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
			const changed = [...added!, ...updated!, ...removed!];
			applyAwarenessUpdate(to, encodeAwarenessUpdate(from, changed), 'relay');
		});
	relay(a, b);
	relay(b, a);
	applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), 'relay');
	applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), 'relay');
}

describe('PresenceManager', () => {
	it('shows who else is on the plan and which field each is in', () => {
		const a = new Awareness(new Y.Doc());
		const b = new Awareness(new Y.Doc());
		link(a, b);
		const wang = new PresenceManager(a, 'plan:p1', { name: '王丽老师', color: colorFor('t1') });
		const li = new PresenceManager(b, 'plan:p1', { name: '李强老师', color: colorFor('t2') });
		const stopA = wang.start();
		const stopB = li.start();
		expect(wang.peers.map((p) => p.name)).toEqual(['李强老师']);
		expect(li.peers.map((p) => p.name)).toEqual(['王丽老师']);

		wang.focus('diagnosisKnowledge');
		expect(li.peersIn('diagnosisKnowledge').map((p) => p.name)).toEqual(['王丽老师']);
		expect(li.peersIn('goals')).toEqual([]);
		expect(li.peers[0]?.color).toBe(colorFor('t1'));
		wang.focus(undefined);
		expect(li.peersIn('diagnosisKnowledge')).toEqual([]);

		// Leaving the plan screen takes this device off it.
		stopA();
		expect(li.peers).toEqual([]);
		stopB();
	});

	it('keeps another plan’s people out, and checks what arrives', () => {
		const a = new Awareness(new Y.Doc());
		const b = new Awareness(new Y.Doc());
		link(a, b);
		const here = new PresenceManager(a, 'plan:p1', { name: '甲', color: '#175cd3' });
		const stop = here.start();
		b.setLocalState({ user: { name: '乙', color: 'red;x' }, scope: 'plan:p2', field: 'goals' });
		expect(here.peers).toEqual([]);
		b.setLocalState({ user: { name: 42, color: 'red;x' }, scope: 'plan:p1', field: 7 });
		expect(here.peers).toEqual([
			{ clientId: b.clientID, name: '', color: '#475467', field: undefined }
		]);
		stop();
	});
});
