// One JSON line per event on stderr. Never log tokens, document content, awareness states
// (names!) or client addresses: a relay log must hold no personal data.
type Fields = Record<string, string | number | boolean | undefined>;

let quiet = process.env.RELAY_LOG === 'silent';

export function setQuiet(value: boolean): void {
	quiet = value;
}

export function log(event: string, fields: Fields = {}): void {
	if (quiet) return;
	process.stderr.write(JSON.stringify({ t: new Date().toISOString(), event, ...fields }) + '\n');
}
