// The screens' view of one workspace's photos: how many wait for the relay (the header shows
// it), the upload queue kept running while the workspace is open and the network is there,
// and photos loaded for display (this device's, or fetched from the relay and cached).
import type { BangfuDb } from '$lib/local/db';
import { relayHttpBase } from '$lib/sync/api';
import { loadPhoto, type PhotoLoad } from './photos';
import { PhotoUploader, type PhotoCounts, type RelayTarget } from './photos-queue';

export class WorkspacePhotos {
	readonly #db: BangfuDb;
	readonly #workspaceId: string;
	readonly #relay: () => { url: string; token: string } | undefined;
	readonly #uploader: PhotoUploader;
	#counts = $state.raw<PhotoCounts>({ waiting: 0, refused: 0 });
	#stops: (() => void)[] = [];

	constructor(
		db: BangfuDb,
		workspaceId: string,
		relay: () => { url: string; token: string } | undefined
	) {
		this.#db = db;
		this.#workspaceId = workspaceId;
		this.#relay = relay;
		this.#uploader = new PhotoUploader(db, workspaceId, () => this.#target());
		this.#stops.push(this.#uploader.subscribe((c) => (this.#counts = c)));
		if (typeof window !== 'undefined') {
			const online = () => void this.#uploader.online();
			window.addEventListener('online', online);
			this.#stops.push(() => window.removeEventListener('online', online));
		}
		void this.#uploader.kick();
	}

	/** Photos taken here that the relay does not hold yet (and those it refused). */
	get counts(): PhotoCounts {
		return this.#counts;
	}

	/** A photo was added, or the workspace was just shared: try to upload now. */
	kick(): void {
		void this.#uploader.kick();
	}

	load(sha256: string): Promise<PhotoLoad> {
		return loadPhoto(this.#db, this.#workspaceId, sha256, this.#target());
	}

	destroy(): void {
		this.#uploader.stop();
		for (const stop of this.#stops) stop();
	}

	#target(): RelayTarget | undefined {
		const r = this.#relay();
		return r ? { base: relayHttpBase(r.url), token: r.token } : undefined;
	}
}
