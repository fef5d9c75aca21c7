// One JSON line per event on stderr. Never log tokens, document content, awareness states
// (names!) or client addresses: a relay log must hold no personal data.
type Fields = Record<string, string | number | boolean | undefined>;
export type LogLine = { t: string; event: string } & Fields;

let quiet = process.env.RELAY_LOG === 'silent';
const listeners = new Set<(line: LogLine) => void>();

export function setQuiet(value: boolean): void {
	quiet = value;
}

/** Tests read the log lines as they are written (even when quiet). */
export function onLog(listener: (line: LogLine) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function log(event: string, fields: Fields = {}): void {
	if (quiet && listeners.size === 0) return;
	const line: LogLine = { t: new Date().toISOString(), event, ...fields };
	for (const l of listeners) l(line);
	if (!quiet) process.stderr.write(JSON.stringify(line) + '\n');
}
