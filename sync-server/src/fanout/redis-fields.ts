// Small pieces of the Redis Streams fan-out (redis.ts).

/** A blocking read given up on: its connection dropped, the loop reads again. */
export class ReadAbandoned extends Error {}

/** A stream entry's flat [field, value, …] list as a record. */
export function fieldsOf(fields: Buffer[]): Record<string, Buffer> {
	const out: Record<string, Buffer> = {};
	for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!.toString()] = fields[i + 1]!;
	return out;
}
