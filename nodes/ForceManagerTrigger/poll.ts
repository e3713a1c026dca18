import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { flag, isDeletedInForceManager } from '../shared/flags';
import { forceManagerPages } from '../shared/forcemanager/paging';
import {
	classifyChange,
	cursorFromBeginning,
	cursorStartingAt,
	latestChange,
	readCursorState,
	startPoll,
	toIsoUtc,
	holdListState,
	noteChanges,
	pendingRechecks,
	readHoldList,
	settleRechecks,
	resendState,
	RESEND_REASON,
	type ChangeEvent,
	type HoldObservation,
	type RecheckOutcome,
} from '../shared/polling';
import { changeActors, changedBy, deltaWhere, isEcho, readChange } from './changes';
import { ENRICHED_ENTITIES, enrichRecords, holdReason, readRecordsById, type Enrichment } from './enrich';
import { entityPath } from './entities';
import { planResendRound, RESEND_ENTITIES, type ResendRound } from './resend';

export interface TriggerSettings {
	entity: string;
	events: ChangeEvent[];
	firstRun: 'now' | 'all';
	overlapMs: number;
	/** Ignore Users plus, with "Ignore Changes Made by This Sync", the credential's API user. */
	ignoredUsers: ReadonlySet<number>;
	extraWhere: string;
	pageSize: number;
	/** Contacts and sales orders: add `related` / `record.lines` and keep the hold list. */
	enrich: boolean;
	/** Accounts, contacts, sales orders: re-emit records an earlier poll sent that have no extId yet. */
	resendUnsynced: boolean;
}

interface Candidate {
	event: ChangeEvent;
	record: IDataObject;
	stamp: number | undefined;
	actors: Array<number | undefined>;
}

/** One output item per change. Shape documented in the node's notice and README. */
function changeItem(
	settings: TriggerSettings,
	event: ChangeEvent,
	record: IDataObject,
	stamp: number | undefined,
	actors: Array<number | undefined>,
	enrichment?: Enrichment,
): INodeExecutionData {
	const json: IDataObject = {
		event,
		entity: settings.entity,
		id: record.id as number,
		changedAt: stamp === undefined ? null : toIsoUtc(stamp),
		changedBy: changedBy(actors),
		record: enrichment?.lines ? { ...record, lines: enrichment.lines } : record,
	};
	if (enrichment) json.related = enrichment.related as unknown as IDataObject;
	return { json };
}

/** Key of the cursor: changing the entity or the filter starts a new cursor. */
export function cursorScope(settings: TriggerSettings): string {
	return `${settings.entity}|${settings.extraWhere}`;
}

/**
 * A regular poll: reads every row changed since the cursor (minus the overlap), emits the changes
 * not emitted before, and stores the advanced cursor only after the last page was read. For
 * contacts and sales orders it also enriches them, holds those whose account or products have no
 * Sage reference yet, and re-emits held records whose dependency resolved (`retry: true`).
 */
export async function pollChanges(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][] | null> {
	const staticData = this.getWorkflowStaticData('node');
	const scope = cursorScope(settings);
	const stored = readCursorState(staticData.cursor, scope);
	const now = Date.now();
	// First activation with "start from now": read the overlap window only to fill the seen-set,
	// so changes made just before activation are not reported as new on the next poll.
	const priming = stored === undefined && settings.firstRun === 'now';
	const initial =
		stored ?? (settings.firstRun === 'all' ? cursorFromBeginning(scope) : cursorStartingAt(now, scope));
	// The local clock bounds the mark: see PollingCursorOptions.sourceNow.
	const cursor = startPoll(initial, { overlapMs: settings.overlapMs, sourceNow: now });

	const candidates: Candidate[] = [];
	/** Ids read again that the cursor already knew (for the re-send list). */
	const readBefore = new Set<string>();
	const pages = forceManagerPages.call(this, entityPath(settings.entity), {
		where: deltaWhere(cursor.since, settings.extraWhere),
		order: 'id', // a unique key keeps paging stable; rows changed meanwhile repeat, never vanish
		pageSize: settings.pageSize,
	});
	for await (const page of pages) {
		for (const record of page) {
			const change = readChange(record);
			if (!change) continue;
			const seenBefore = cursor.seenBefore(change.id);
			if (!cursor.accept({ id: change.id, changedAt: change.stamp ?? 0 })) {
				readBefore.add(String(change.id));
				continue;
			}
			if (priming) continue;
			const event = classifyChange(change.dates, { since: cursor.since, seenBefore });
			if (!settings.events.includes(event)) continue;
			const actors = changeActors(record, event, change.dates);
			// Echoes pass the cursor (accepted above) but are not emitted.
			if (isEcho(actors, settings.ignoredUsers)) continue;
			candidates.push({ event, record, stamp: change.stamp, actors });
		}
	}

	const holding = settings.enrich && ENRICHED_ENTITIES.has(settings.entity);
	let held = holding ? readHoldList(staticData.holds, scope) : [];
	// Held records not changed in this poll are re-read in batches to see whether they resolved.
	const pending = pendingRechecks(held, candidates.map((c) => String(c.record.id)));
	const pendingIds = pending.map((e) => Number(e.id)).filter((id) => Number.isInteger(id));
	const fresh = await readRecordsById.call(this, entityPath(settings.entity), pendingIds);
	const alive = fresh.filter((row) => !isDeletedInForceManager(row));

	// Records already sent that still have no Sage reference (their run failed): one list call.
	let resend: ResendRound | undefined;
	if (settings.resendUnsynced && RESEND_ENTITIES.has(settings.entity)) {
		const exclude = new Set([...candidates.map((c) => String(c.record.id)), ...held.map((e) => e.id)]);
		resend = await planResendRound.call(this, settings, staticData.resend, scope, stored, { since: cursor.since, readBefore }, exclude, now);
	}
	const resent = resend?.due ?? [];

	const toEnrich = [
		...candidates.filter((c) => c.event !== 'deleted').map((c) => c.record),
		...alive,
		...resent.map((r) => r.row),
	];
	const enrichment = settings.enrich ? await enrichRecords.call(this, settings.entity, toEnrich) : new Map<string, Enrichment>();

	const items: INodeExecutionData[] = [];
	const observed: HoldObservation[] = [];
	for (const c of candidates) {
		const extra = enrichment.get(String(c.record.id));
		const item = changeItem(settings, c.event, c.record, c.stamp, c.actors, extra);
		const reason = holding && c.event !== 'deleted' ? holdReason(settings.entity, c.record, extra) : undefined;
		if (reason) item.json.hold = { reason };
		observed.push({ id: String(c.record.id), event: c.event, reason });
		items.push(item);
	}
	for (const r of resent) {
		const id = String(r.row.id);
		const change = readChange(r.row);
		const extra = enrichment.get(id);
		const item = changeItem(settings, r.event, r.row, change?.stamp, changeActors(r.row, r.event, change?.dates ?? {}), extra);
		item.json.retry = true;
		item.json.resent = { attempt: r.attempt, reason: RESEND_REASON };
		// A dependency lost meanwhile: it waits in the hold list like any other record.
		const reason = holding ? holdReason(settings.entity, r.row, extra) : undefined;
		if (reason) item.json.hold = { reason };
		observed.push({ id, event: r.event, reason });
		items.push(item);
	}
	const nowIso = toIsoUtc(now);
	held = noteChanges(held, observed, nowIso);

	const freshById = new Map(alive.map((row) => [String(row.id), row]));
	const outcomes: RecheckOutcome[] = pending.map((entry) => {
		const row = freshById.get(entry.id);
		if (!row) return { id: entry.id, outcome: 'gone' };
		const reason = holdReason(settings.entity, row, enrichment.get(entry.id));
		return reason ? { id: entry.id, outcome: 'held', reason } : { id: entry.id, outcome: 'resolved' };
	});
	const settled = settleRechecks(held, outcomes);
	for (const entry of settled.resolved) {
		const row = freshById.get(entry.id) as IDataObject;
		const change = readChange(row);
		const actors = changeActors(row, entry.event, change?.dates ?? {});
		const item = changeItem(settings, entry.event, row, change?.stamp, actors, enrichment.get(entry.id));
		item.json.retry = true;
		item.json.heldSince = entry.since;
		items.push(item);
	}
	if (holding) staticData.holds = holdListState(settled.entries, scope) as unknown as IDataObject;
	if (resend) {
		// Remember what this poll sent without a Sage reference: if its run fails, the next poll
		// re-sends it (whatever the clocks and the overlap window say).
		const known = new Set(resend.entries.map((e) => e.id));
		for (const c of candidates) {
			const id = String(c.record.id);
			if (c.event === 'deleted' || known.has(id) || !awaitsSageKey(settings.entity, c.record)) continue;
			resend.entries.push({ id, attempt: 0, next: nowIso, since: nowIso });
		}
		staticData.resend = resendState(resend.entries, scope, resend.from) as unknown as IDataObject;
	}
	staticData.cursor = cursor.finish() as unknown as IDataObject;
	return items.length ? [items] : null;
}

/** Not in Sage yet: no Sage reference written back (read-only accounts came from Sage, A3). */
function awaitsSageKey(entity: string, record: IDataObject): boolean {
	if (entity === 'accounts' && flag(record.readOnly)) return false;
	return typeof record.extId !== 'string' || record.extId.trim() === '';
}

const SAMPLE_ORDERS = ['dateUpdated', 'dateCreated', 'dateDeleted'];
const SAMPLE_PAGE_SIZE = 10;

/**
 * "Fetch Test Event": the most recent change regardless of the cursor, which is neither read nor
 * moved. `order` sorts newest first (notes §4.4), so the head of each date ordering holds the
 * newest change. Prefers a change that the settings would emit; never fails for lack of data.
 */
export async function sampleChange(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][]> {
	const candidates = new Map<string, IDataObject>();
	for (const order of SAMPLE_ORDERS) {
		const pages = forceManagerPages.call(this, entityPath(settings.entity), {
			where: deltaWhere(null, settings.extraWhere),
			order,
			pageSize: SAMPLE_PAGE_SIZE,
		});
		for await (const page of pages) {
			for (const record of page) candidates.set(String(record.id), record);
			break; // the first page is enough
		}
	}
	let best: INodeExecutionData | undefined;
	let bestStamp = -Infinity;
	let fallback: INodeExecutionData | undefined;
	let fallbackStamp = -Infinity;
	for (const record of candidates.values()) {
		const change = readChange(record);
		if (!change) continue;
		const stamp = change.stamp ?? -Infinity;
		const event = latestChange(change.dates);
		const actors = changeActors(record, event, change.dates);
		const item = changeItem(settings, event, record, change.stamp, actors);
		if (stamp > fallbackStamp || fallback === undefined) [fallback, fallbackStamp] = [item, stamp];
		const wanted = settings.events.includes(event) && !isEcho(actors, settings.ignoredUsers);
		if (wanted && (stamp > bestStamp || best === undefined)) [best, bestStamp] = [item, stamp];
	}
	const sample = best ?? fallback;
	if (sample && settings.enrich && sample.json.event !== 'deleted' && ENRICHED_ENTITIES.has(settings.entity)) {
		// Show the enriched shape (and a would-be hold reason) in the editor too.
		const record = sample.json.record as IDataObject;
		const extra = (await enrichRecords.call(this, settings.entity, [record])).get(String(record.id));
		const enriched = changeItem(settings, sample.json.event as ChangeEvent, record, readChange(record)?.stamp, changeActors(record, sample.json.event as ChangeEvent, readChange(record)?.dates ?? {}), extra);
		const reason = holdReason(settings.entity, record, extra);
		if (reason) enriched.json.hold = { reason };
		return [[enriched]];
	}
	return [sample ? [sample] : []];
}
