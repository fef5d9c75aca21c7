import { MAX_FILE_BYTES, type ImportCode } from './messages';

/** What a file is, from its first bytes and its name, before any parser touches it. */
export type FileKind = 'xlsx' | 'csv' | { problem: ImportCode };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: old .xls, and also the wrapper of a password-encrypted .xlsx. */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
	return sig.every((b, i) => bytes[i] === b);
}

/** Finds an ASCII (or, with `utf16`, a UTF-16LE) name anywhere in the bytes. */
function contains(bytes: Uint8Array, text: string, utf16 = false): boolean {
	const needle = utf16
		? text.split('').flatMap((c) => [c.charCodeAt(0), 0])
		: text.split('').map((c) => c.charCodeAt(0));
	outer: for (let i = 0; i <= bytes.length - needle.length; i++) {
		for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
}

/** Text files have no NUL bytes and few control characters in their first kilobytes. */
function looksLikeText(bytes: Uint8Array): boolean {
	const n = Math.min(bytes.length, 8192);
	let bad = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i] ?? 0;
		if (b === 0) return false;
		if (b < 9 || (b > 13 && b < 32)) bad++;
	}
	return bad / Math.max(1, n) < 0.01;
}

export function sniff(bytes: Uint8Array, fileName: string): FileKind {
	if (bytes.length === 0) return { problem: 'file.empty' };
	if (bytes.length > MAX_FILE_BYTES) return { problem: 'file.too_large' };
	if (startsWith(bytes, CFB))
		return {
			problem: contains(bytes, 'EncryptedPackage', true) ? 'file.password' : 'file.legacy_xls'
		};
	if (startsWith(bytes, ZIP)) {
		// Zip entry names are stored uncompressed: a workbook has xl/workbook.xml.
		if (contains(bytes, 'xl/workbook.xml')) return 'xlsx';
		// A cut-off download keeps the zip's start but may lose the entry names: a file named
		// .xlsx that is no Word or PowerPoint document goes to the reader, which says malformed.
		const office = contains(bytes, 'word/') || contains(bytes, 'ppt/');
		if (/\.(xlsx|xlsm)$/i.test(fileName) && !office) return 'xlsx';
		return { problem: 'file.not_spreadsheet' };
	}
	if (/\.(xlsx|xlsm)$/i.test(fileName)) return { problem: 'file.malformed' };
	if (looksLikeText(bytes)) return 'csv';
	return { problem: 'file.not_spreadsheet' };
}
