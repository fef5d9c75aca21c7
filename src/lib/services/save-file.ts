// Hands a file made on the device to the person: the system share sheet where the browser can
// share files (WeChat, mail, a drive — on phones), else a download. No server is involved.

function blobOf(data: Uint8Array | string, mime: string): Blob {
	// Copied into a plain ArrayBuffer: Blob wants one, a view may sit on a shared or larger buffer.
	return new Blob([typeof data === 'string' ? data : data.slice().buffer], { type: mime });
}

export function canShareFiles(): boolean {
	if (typeof navigator === 'undefined' || typeof navigator.canShare !== 'function') return false;
	try {
		return navigator.canShare({ files: [new File([''], 'a.xlsx')] });
	} catch {
		return false;
	}
}

export function download(data: Uint8Array | string, name: string, mime: string): void {
	const url = URL.createObjectURL(blobOf(data, mime));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.rel = 'noopener';
	document.body.append(a);
	a.click();
	a.remove();
	// Revoked after the browser has taken the file.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Shares through the system sheet; 'cancelled' when the person closed it. */
export async function share(
	data: Uint8Array | string,
	name: string,
	mime: string
): Promise<'shared' | 'cancelled'> {
	const file = new File([blobOf(data, mime)], name, { type: mime });
	try {
		await navigator.share({ files: [file], title: name });
		return 'shared';
	} catch {
		return 'cancelled';
	}
}
