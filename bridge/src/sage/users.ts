// Sage users (rule U1) on a real company. Sage 50's documented ODBC schema has no users table, SDO's
// AccessData object has no documented field list, and neither exposes a user's e-mail (sage50-notes.md
// §4.8). So the admin keeps a directory in the bridge's configuration (`sage.users`: each logon name
// copied from Settings › User Management, with the user's e-mail), served in the simulated company's
// USERS shape. Its changes reach the users feed through the change capture's snapshots: the directory
// is compared with the snapshot the local database kept (at start-up, or when reloaded), and users
// added, changed or removed since are journaled as created / updated / deleted by Sage.
import type { ListQuery, Page, SageRow } from '../adapter';
import type { SageUserEntry } from '../config';
import type { ChangeKind } from '../local/journal';
import { cursorPage } from '../records/paging';
import { type BridgeClock, ukLocal } from '../time';
import type { ChangeCapture } from './capture';

export type DirectoryChanges = Record<ChangeKind, number>;

const deleted = (row: SageRow): boolean => Number(row.RECORD_DELETED) === 1;

export class SageUsers {
	/** What the last load changed (the bridge logs it at start-up). */
	lastLoad: DirectoryChanges = { created: 0, updated: 0, deleted: 0 };

	constructor(
		private readonly capture: ChangeCapture,
		private readonly clock: BridgeClock,
	) {}

	/**
	 * Compares the directory with the snapshot and journals the differences. Sage stamps no dates on
	 * these records, so RECORD_CREATE_DATE / RECORD_MODIFY_DATE are when the bridge first saw the user
	 * and when it saw the user change (a removed user: when it saw the removal).
	 */
	load(directory: readonly SageUserEntry[]): DirectoryChanges {
		const at = ukLocal(this.clock.nowSeconds()).iso;
		const known = new Map(this.capture.allSnapshots('users').map((r) => [String(r.USER_NAME), r]));
		const changes: DirectoryChanges = { created: 0, updated: 0, deleted: 0 };
		const apply = (key: string, row: SageRow) => {
			const kind = this.capture.applySnapshot('users', key, row, 'sage');
			if (kind) changes[kind]++;
		};
		for (const u of directory) {
			const before = known.get(u.userName);
			const created = before && !deleted(before) ? before.RECORD_CREATE_DATE : at;
			apply(u.userName, {
				USER_NAME: u.userName,
				NAME: u.fullName ?? '',
				E_MAIL: u.email,
				USER_TYPE: u.userType ?? 'Standard',
				INACTIVE_FLAG: 0,
				RECORD_CREATE_DATE: created,
				RECORD_MODIFY_DATE: at,
				RECORD_DELETED: 0,
			});
		}
		const listed = new Set(directory.map((u) => u.userName));
		for (const [name, before] of known) {
			if (!listed.has(name) && !deleted(before)) apply(name, { ...before, RECORD_MODIFY_DATE: at, RECORD_DELETED: 1 });
		}
		this.lastLoad = changes;
		return changes;
	}

	/** A page in USER_NAME order with the contract's after / limit / modifiedSince / includeDeleted / keys. */
	list(q: ListQuery): Page {
		const rows = this.capture.allSnapshots('users').filter(
			(r) =>
				(q.includeDeleted || !deleted(r)) &&
				(q.after === undefined || q.after === '' || String(r.USER_NAME) > q.after) &&
				(q.modifiedSince === undefined || Date.parse(String(r.RECORD_MODIFY_DATE)) / 1000 >= q.modifiedSince) &&
				(q.keys === undefined || q.keys.includes(String(r.USER_NAME))),
		);
		return cursorPage(rows.slice(0, q.limit + 1), q.limit, 'USER_NAME', (r) => r);
	}

	/** A user by logon name (case as given), a removed one as last seen (RECORD_DELETED 1), as the simulator. */
	get(userName: string): SageRow | undefined {
		return this.capture.snapshots('users', [userName]).get(userName);
	}
}
