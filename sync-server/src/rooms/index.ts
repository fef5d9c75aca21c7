// Rooms: room.ts (one document, its awareness and members), commit.ts (the group commit: the
// durability promise), manager.ts (loading, unloading, compaction, fan-out). Decision 0005.
export { GroupCommit, type Pending } from './commit.ts';
export { RoomManager, type RoomManagerOptions } from './manager.ts';
export { REMOTE, Room, type RoomHost, type RoomMember } from './room.ts';
