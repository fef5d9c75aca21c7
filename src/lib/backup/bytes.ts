// Bytes <-> base64 and SHA-256 for the workspace file, with the platform's own primitives
// (atob/btoa and Web Crypto exist in browsers and in Node 20), in chunks so a photo of a few
// megabytes does not overflow the call stack.

const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
	let bin = '';
	for (let i = 0; i < bytes.length; i += CHUNK)
		bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	return btoa(bin);
}

/** Throws on a string that is not base64 (atob's own check). */
export function fromBase64(b64: string): Uint8Array {
	const bin = atob(b64);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
