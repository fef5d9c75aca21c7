// The engine's facts of one kind, by id and by the household they belong to.
type Linked = { id: string; deletedAt?: string | undefined };

/** Records of one kind by id, indexed by the household they belong to. */
export class Index<T extends Linked> {
	byId = new Map<string, T>();
	byHousehold = new Map<string, Map<string, T>>();
	constructor(readonly householdOf: (r: T) => string | undefined) {}
	/** Sets or removes (undefined, or soft-deleted) a record; returns the households touched. */
	set(id: string, r: T | undefined): string[] {
		const touched: string[] = [];
		const old = this.byId.get(id);
		if (old) {
			const h = this.householdOf(old);
			if (h !== undefined) {
				this.byHousehold.get(h)?.delete(id);
				touched.push(h);
			}
			this.byId.delete(id);
		}
		if (r && !r.deletedAt) {
			this.byId.set(id, r);
			const h = this.householdOf(r);
			if (h !== undefined) {
				let m = this.byHousehold.get(h);
				if (!m) this.byHousehold.set(h, (m = new Map()));
				m.set(id, r);
				if (!touched.includes(h)) touched.push(h);
			}
		}
		return touched;
	}
	of(h: string): T[] {
		const m = this.byHousehold.get(h);
		return m ? [...m.values()] : [];
	}
}
