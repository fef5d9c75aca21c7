/**
 * RFC 4180 CSV: quoted fields with "" escapes and line breaks inside quotes; comma, or the
 * tab or semicolon some exports use (guessed from the first line). Decodes UTF-8 (BOM or
 * not) and falls back to GB18030, which is what Excel/WPS on a Chinese Windows save.
 */
export function decodeText(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

export function parseCsv(text: string): string[][] {
	const first = text.slice(0, text.indexOf('\n') >>> 0);
	const counts = [',', '\t', ';'].map((d) => [d, first.split(d).length] as const);
	const sep = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === sep) {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}
