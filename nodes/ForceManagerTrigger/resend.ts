// "Re-Send Records Not Yet in Sage": lists the FM-born records without a Sage reference in one
// paged call per poll and decides, with the pure plan in shared/polling/resend.ts, which of them
// go out again. Shared state lives in node static data (`resend`), next to the cursor and holds.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { flag } from '../shared/flags';
import { forceManagerPages } from '../shared/forcemanager/paging';
import { assertField, where } from '../shared/forcemanager/where';
import {
	planResends,
	readResendState,
	resendEvent,
	type ChangeEvent,
	type PollingCursorState,
	type ResendCandidate,
	type ResendEntry,
} from '../shared/polling';
import { toEpochMs } from '../shared/polling';
import { changeActors, isEcho, readChange } from './changes';
import { entityPath } from './entities';

/** Entities whose FM-born records get a Sage reference written back (A4, C1, O1). */
export const RESEND_ENTITIES: ReadonlySet<string> = new Set(['accounts', 'contacts', 'salesorders']);

export interface ResendSettings {
	entity: string;
	events: ChangeEvent[];
	ignoredUsers: ReadonlySet<number>;
	extraWhere: string;
	pageSize: number;
	firstRun: 'now' | 'all';
}

export interface ResendRound {
	/** Rows to re-emit with their event and attempt. */
	due: Array<{ row: IDataObject; event: ChangeEvent; attempt: number }>;
	entries: ResendEntry[];
	/** Lower bound to store with the entries (epoch ms or null). */
	from: number | null;
}

/**
 * Not deleted and no Sage reference: `extId` null or empty (SQL semantics: `= ''` does not match
 * NULL, hence both). `IS NULL` is plain SQL the `where` filter is translated to (notes §4.3).
 */
export function unsyncedWhere(extraWhere: string): string {
	const extId = assertField('extId');
	return where.and(where.eq('deleted', false), where.or(`${extId} IS NULL`, where.eq(extId, '')), extraWhere || undefined);
}

export async function planResendRound(
	this: IPollFunctions,
	settings: ResendSettings,
	raw: unknown,
	scope: string,
	stored: PollingCursorState | undefined,
	window: { since: number | null; readBefore: ReadonlySet<string> },
	exclude: ReadonlySet<string>,
	now: number,
): Promise<ResendRound> {
	const state = readResendState(raw, scope);
	const previousHighWater = stored?.highWater ? (toEpochMs(stored.highWater) ?? null) : null;
	// Where the trigger began reporting: everything with First Run "all"; otherwise activation
	// ("now"), or the mark at the time the option was turned on for a running cursor.
	const from =
		state !== undefined
			? state.from === null
				? null
				: (toEpochMs(state.from) ?? null)
			: settings.firstRun === 'all'
				? null
				: (previousHighWater ?? now);

	const rows = new Map<string, { row: IDataObject; event: ChangeEvent }>();
	const listed: ResendCandidate[] = [];
	for await (const page of forceManagerPages.call(this, entityPath(settings.entity), {
		where: unsyncedWhere(settings.extraWhere),
		order: 'id',
		pageSize: settings.pageSize,
	})) {
		for (const row of page) {
			// Read-only accounts came from Sage (A3): never sent, never re-sent.
			if (settings.entity === 'accounts' && flag(row.readOnly)) continue;
			const change = readChange(row);
			if (!change || change.dates.isDeleted) continue;
			const id = String(change.id);
			const event = resendEvent(change.dates, from, settings.events);
			// Records the workflow would not have been told about (event filter, echo filter) are
			// not re-sent either; they stay listed so an existing back-off entry is kept.
			const ok = event !== undefined && !isEcho(changeActors(row, event, change.dates), settings.ignoredUsers);
			listed.push({ id, stamp: ok ? change.stamp : undefined });
			if (ok) rows.set(id, { row, event });
		}
	}
	const plan = planResends(state?.entries ?? [], listed, { now, ...window, from, exclude });
	return {
		due: plan.due.map(({ id, attempt }) => ({ ...rows.get(id)!, attempt })),
		entries: plan.entries,
		from,
	};
}
