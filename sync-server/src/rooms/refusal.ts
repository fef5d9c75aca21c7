// Why a room cannot be opened: the upgrade is refused with this HTTP status and error code.
import type { ApiError } from '#protocol';

export class RoomRefused extends Error {
	constructor(
		readonly status: number,
		readonly error: ApiError,
		message: string
	) {
		super(message);
	}
}
