// Who else is on a screen and which field each is in: y-protocols awareness on the main
// document (sent through the relay with the document's own connection). Each device sets
// its own state — a name, a colour, the screen (`scope`) and the field it is in — and reads
// everyone else's; states of a closed tab or a lost connection disappear by themselves.
import type { Awareness } from 'y-protocols/awareness';

export interface Peer {
	clientId: number;
	name: string;
	color: string;
	/** The field this person is in, if any. */
	field?: string;
}

/** Colours with AA contrast for white text on them, one per person. */
export const PRESENCE_COLORS = [
	'#b42318',
	'#175cd3',
	'#027a48',
	'#b54708',
	'#6941c6',
	'#c11574',
	'#0e7090',
	'#4e5ba6'
];

/** A stable colour for a person (member id or device id). */
export function colorFor(key: string): string {
	let h = 0;
	for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
	return PRESENCE_COLORS[h % PRESENCE_COLORS.length] ?? '#175cd3';
}

interface PresenceState {
	user?: { name?: unknown; color?: unknown };
	scope?: unknown;
	field?: unknown;
}

export class PresenceManager {
	readonly #awareness: Awareness;
	readonly #scope: string;
	readonly #me: { name: string; color: string };
	#peers = $state.raw<Peer[]>([]);
	#field = $state<string | undefined>();

	constructor(awareness: Awareness, scope: string, me: { name: string; color: string }) {
		this.#awareness = awareness;
		this.#scope = scope;
		this.#me = me;
	}

	get me(): { name: string; color: string } {
		return this.#me;
	}

	/** Others on the same screen, by name. */
	get peers(): Peer[] {
		return this.#peers;
	}

	/** Others in one field. */
	peersIn(field: string): Peer[] {
		return this.#peers.filter((p) => p.field === field);
	}

	get field(): string | undefined {
		return this.#field;
	}

	/** Announces this device on the screen; the returned stop takes it off again. */
	start(): () => void {
		this.#publish();
		const onChange = () => this.#read();
		this.#awareness.on('change', onChange);
		this.#read();
		return () => {
			this.#awareness.off('change', onChange);
			this.#awareness.setLocalState({ user: this.#me });
		};
	}

	/** The field this device's user is now in (undefined when they left every field). */
	focus(field: string | undefined): void {
		if (this.#field === field) return;
		this.#field = field;
		this.#publish();
	}

	#publish(): void {
		this.#awareness.setLocalState({
			user: this.#me,
			scope: this.#scope,
			field: this.#field ?? null
		});
	}

	#read(): void {
		const peers: Peer[] = [];
		for (const [clientId, raw] of this.#awareness.getStates()) {
			if (clientId === this.#awareness.clientID) continue;
			const s = raw as PresenceState; // remote JSON: every field is checked below
			if (s.scope !== this.#scope) continue;
			const name = typeof s.user?.name === 'string' ? s.user.name.slice(0, 40) : '';
			const color =
				typeof s.user?.color === 'string' && /^#[0-9a-f]{6}$/i.test(s.user.color)
					? s.user.color
					: '#475467';
			peers.push({
				clientId,
				name,
				color,
				field: typeof s.field === 'string' ? s.field : undefined
			});
		}
		peers.sort((a, b) => a.clientId - b.clientId);
		this.#peers = peers;
	}
}
