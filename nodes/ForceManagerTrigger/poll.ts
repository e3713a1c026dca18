import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forceManagerPages } from '../shared/forcemanager/paging';
import { where } from '../shared/forcemanager/where';
import {
	classifyChange,
	cursorFromBeginning,
	cursorStartingAt,
	latestChange,
	readCursorState,
	startPoll,
	toIsoUtc,
	type ChangeEvent,
	type CursorPoll,
} from '../shared/polling';
import { payloadHash } from '../shared/sage50/idempotency';
import {
	leaseChanges,
	offerChanges,
	querySyncState,
	type AckItem,
	type LeasedChange,
} from '../shared/sage50/ledger';
import { DELETED_BY_SYNC } from '../shared/sync/delivery';
import { matchesSnapshot, pairEntityOfTrigger, type PairState } from '../shared/sync/snapshot';
import {
	afterLease,
	consumerOf,
	settle,
	settleChanges,
	stampDelivery,
	type DeliverySettings,
} from '../shared/triggers/delivery';
import { changeActors, changedBy, deltaWhere, isEcho, readChange } from './changes';
import {
	ENRICHED_ENTITIES,
	enrichRecords,
	holdReason,
	readRecordsById,
	type Enrichment,
} from './enrich';
import { entityPath } from './entities';

export interface TriggerSettings extends DeliverySettings {
	entity: string;
	events: ChangeEvent[];
	firstRun: 'now' | 'all';
	overlapMs: number;
	/** Changes by these users are not reported (a filter, not the echo test: echoes are told by content). */
	ignoredUsers: ReadonlySet<number>;
	extraWhere: string;
	pageSize: number;
	/** Contacts and sales orders: add `related` / `record.lines` and hold what cannot go to Sage yet. */
	enrich: boolean;
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
	c: Candidate,
	enrichment?: Enrichment,
): INodeExecutionData {
	const json: IDataObject = {
		event: c.event,
		entity: settings.entity,
		id: c.record.id as number,
		changedAt: c.stamp === undefined ? null : toIsoUtc(c.stamp),
		changedBy: changedBy(c.actors),
		record: enrichment?.lines ? { ...c.record, lines: enrichment.lines } : c.record,
	};
	if (enrichment) json.related = enrichment.related as unknown as IDataObject;
	return { json };
}

/** Key of the cursor: changing the entity or the filter starts a new cursor (and consumer). */
export function cursorScope(settings: TriggerSettings): string {
	return `${settings.entity}|${settings.extraWhere}`;
}

function consumerScope(settings: TriggerSettings): string {
	return settings.extraWhere
		? `${settings.entity}:${payloadHash(settings.extraWhere, 8)}`
		: settings.entity;
}

/**
 * A read split over several polls (the poll budget ran out): where the next poll continues. Lists come
 * newest id first (`order` sorts descending, notes §4.4), so the next poll reads below the last id read.
 */
interface ScanState {
	version: 1;
	scope: string;
	belowId: number;
	sourceNow: number;
	newest: number | null;
}

function readScan(raw: unknown, scope: string): ScanState | undefined {
	const s = raw as Partial<ScanState> | undefined;
	if (
		!s ||
		s.version !== 1 ||
		s.scope !== scope ||
		typeof s.belowId !== 'number' ||
		typeof s.sourceNow !== 'number'
	)
		return undefined;
	return {
		version: 1,
		scope,
		belowId: s.belowId,
		sourceNow: s.sourceNow,
		newest: typeof s.newest === 'number' ? s.newest : null,
	};
}

/** How long this poll may read: n8n 2.36+ says (`getPollBudgetMs`, absent in 1.x); half of it, to leave time to deliver. */
function readingBudgetMs(this: IPollFunctions): number {
	const budget = (this as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const ms = typeof budget === 'function' ? Number(budget.call(this)) : NaN;
	return Number.isFinite(ms) && ms > 0 ? ms / 2 : 150_000;
}

interface DeltaRead {
	changes: Candidate[];
	/** First activation with "start from now": the read only filled the seen-set. */
	priming: boolean;
	/** Stores the advanced cursor (or the scan's continuation); call once the changes are safe. */
	commit(): void;
}

/**
 * Reads every row changed since the cursor (minus the overlap), ordered by id, and keeps the changes
 * not read before. A read that outlasts the poll budget stops after a page and the next poll
 * continues below the last id read, with the same window, so a first load of any size progresses.
 */
async function readDelta(this: IPollFunctions, settings: TriggerSettings): Promise<DeltaRead> {
	const staticData = this.getWorkflowStaticData('node');
	const scope = cursorScope(settings);
	const stored = readCursorState(staticData.cursor, scope);
	const scan = readScan(staticData.scan, scope);
	const now = Date.now();
	// First activation with "start from now": read the overlap window only to fill the seen-set,
	// so changes made just before activation are not reported as new on the next poll.
	const priming = stored === undefined && settings.firstRun === 'now';
	const initial =
		stored ??
		(settings.firstRun === 'all' ? cursorFromBeginning(scope) : cursorStartingAt(now, scope));
	// The local clock bounds the mark (PollingCursorOptions.sourceNow); a continued scan keeps its start.
	const cursor: CursorPoll = startPoll(initial, {
		overlapMs: settings.overlapMs,
		sourceNow: scan?.sourceNow ?? now,
		newestSoFar: scan?.newest ?? undefined,
	});
	const filter = where.and(
		deltaWhere(cursor.since, settings.extraWhere),
		scan ? where.lt('id', scan.belowId) : undefined,
	);
	const deadline = now + readingBudgetMs.call(this);
	const changes: Candidate[] = [];
	let lastId: number | undefined;
	let complete = true;
	// A unique key keeps paging stable; rows changed meanwhile repeat, never vanish.
	for await (const page of forceManagerPages.call(this, entityPath(settings.entity), {
		where: filter || undefined,
		order: 'id',
		pageSize: settings.pageSize,
	})) {
		for (const record of page) {
			const change = readChange(record);
			if (!change) continue;
			const seenBefore = cursor.seenBefore(change.id);
			if (!cursor.accept({ id: change.id, changedAt: change.stamp ?? 0 }) || priming) continue;
			const event = classifyChange(change.dates, { since: cursor.since, seenBefore });
			changes.push({
				event,
				record,
				stamp: change.stamp,
				actors: changeActors(record, event, change.dates),
			});
		}
		lastId = Number(page[page.length - 1]?.id);
		if (Date.now() > deadline && page.length === settings.pageSize) {
			complete = false;
			break;
		}
	}
	return {
		changes,
		priming,
		commit: () => {
			if (complete || lastId === undefined || !Number.isFinite(lastId)) {
				staticData.cursor = cursor.finish() as unknown as IDataObject;
				delete staticData.scan;
				return;
			}
			staticData.cursor = cursor.partial() as unknown as IDataObject;
			staticData.scan = {
				version: 1,
				scope,
				belowId: lastId,
				sourceNow: scan?.sourceNow ?? now,
				newest: cursor.newest() ?? null,
			} satisfies ScanState as unknown as IDataObject;
		},
	};
}

/** A change the workflow wants to hear of (events and the user filter). */
function reportable(settings: TriggerSettings, c: Candidate): boolean {
	return settings.events.includes(c.event) && !isEcho(c.actors, settings.ignoredUsers);
}

/**
 * A regular poll. "When Emitted": the changes read go out at once (cursor in n8n's static data).
 * "Confirmed by the Workflow": they are offered to the bridge's ledger first (durable before the
 * cursor moves), then the poll leases what is due — new changes, retries, waiting records — reads
 * those records fresh, skips echoes by content and emits each with its delivery token.
 */
export async function pollChanges(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][] | null> {
	const delta = await readDelta.call(this, settings);
	if (settings.delivery === 'confirmed') return await pollConfirmed.call(this, settings, delta);
	const candidates = delta.changes.filter((c) => reportable(settings, c));
	const items = await emitItems.call(this, settings, candidates);
	delta.commit();
	return items.length ? [items.map((i) => i.item)] : null;
}

/** Items for candidates: enriched (contacts, orders) and marked with `hold` when they must wait. */
async function emitItems(
	this: IPollFunctions,
	settings: TriggerSettings,
	candidates: Candidate[],
): Promise<Array<{ item: INodeExecutionData; hold?: string }>> {
	const enrichment = settings.enrich
		? await enrichRecords.call(
				this,
				settings.entity,
				candidates.filter((c) => c.event !== 'deleted').map((c) => c.record),
			)
		: new Map<string, Enrichment>();
	const holding = settings.enrich && ENRICHED_ENTITIES.has(settings.entity);
	return candidates.map((c) => {
		const extra = enrichment.get(String(c.record.id));
		const item = changeItem(settings, c, extra);
		const hold =
			holding && c.event !== 'deleted' ? holdReason(settings.entity, c.record, extra) : undefined;
		if (hold) item.json.hold = { reason: hold };
		return { item, hold };
	});
}

async function pollConfirmed(
	this: IPollFunctions,
	settings: TriggerSettings,
	delta: DeltaRead,
): Promise<INodeExecutionData[][] | null> {
	await requireBridgeCredential.call(this);
	const { consumer, label, workflow } = consumerOf.call(this, consumerScope(settings));
	const options = {
		source: 'forceManager' as const,
		entity: settings.entity,
		label,
		workflow,
		maxAttempts: settings.maxAttempts,
	};
	const offers = delta.changes.filter((c) => reportable(settings, c));
	await offerChanges.call(
		this,
		consumer,
		options,
		offers.map((c) => ({
			key: String(c.record.id),
			event: c.event,
			version: { order: c.stamp ?? 0, tag: payloadHash(c.record, 16) },
		})),
	);
	// The offers are durable in the bridge: the cursor may move on.
	delta.commit();
	const leased = await leaseChanges.call(this, consumer, {
		...options,
		limit: settings.maxPerPoll,
		leaseSeconds: settings.leaseSeconds,
	});
	if (leased.items.length === 0) return null;
	return await afterLease(this, consumer, leased.items, async () => {
		const read = new Map(delta.changes.map((c) => [String(c.record.id), c.record]));
		const missing = leased.items
			.map((l) => Number(l.key))
			.filter((id) => !read.has(String(id)) && Number.isInteger(id));
		for (const row of await readRecordsById.call(this, entityPath(settings.entity), missing))
			read.set(String(row.id), row);

		const pair = pairEntityOfTrigger(settings.entity);
		const states = new Map<string, PairState>();
		if (pair) {
			for (const s of await querySyncState.call(this, pair, {
				forceManagerIds: leased.items.map((l) => l.key),
			}))
				if (s.forceManagerId) states.set(s.forceManagerId, s);
		}
		const acks: AckItem[] = [];
		const chosen: Array<{ change: LeasedChange; candidate: Candidate }> = [];
		for (const change of leased.items) {
			const record = read.get(change.key);
			if (!record) {
				acks.push(settle(change, 'delivered', 'no longer in ForceManager'));
				continue;
			}
			const c = readChange(record);
			const event: ChangeEvent = c?.dates.isDeleted
				? 'deleted'
				: change.event === 'deleted'
					? 'updated'
					: change.event;
			const candidate: Candidate = {
				event,
				record,
				stamp: c?.stamp,
				actors: changeActors(record, event, c?.dates ?? {}),
			};
			if (!reportable(settings, candidate)) {
				acks.push(settle(change, 'delivered', 'not wanted by this trigger (events, users)'));
				continue;
			}
			chosen.push({ change, candidate });
		}
		// Enriched first: an order's lines are part of what the echo test compares.
		const built = await emitItems.call(
			this,
			settings,
			chosen.map((c) => c.candidate),
		);
		const items: INodeExecutionData[] = [];
		built.forEach(({ item, hold }, n) => {
			const { change, candidate } = chosen[n];
			const state = states.get(change.key);
			// The sync's own deletion is an echo too: the pair remembers it deleted the record here.
			const echo =
				candidate.event === 'deleted'
					? state?.forceManager?.[DELETED_BY_SYNC] === true
					: pair !== undefined &&
						matchesSnapshot(
							pair,
							'forceManager',
							item.json.record as IDataObject,
							state?.forceManager,
						);
			if (settings.skipEchoes && pair && echo) {
				acks.push(settle(change, 'echo'));
				return;
			}
			if (hold && change.state === 'waiting') {
				// Still waiting: not emitted again, the ledger re-checks it next poll.
				acks.push(settle(change, 'waiting', hold));
				return;
			}
			stampDelivery(item, consumer, change, pair ? (state ?? null) : undefined);
			items.push(item);
		});
		await settleChanges.call(this, consumer, acks);
		return items.length ? [items] : null;
	});
}

async function requireBridgeCredential(this: IPollFunctions): Promise<void> {
	try {
		await this.getCredentials('sage50UkiApi');
	} catch {
		throw new NodeOperationError(
			this.getNode(),
			'Delivery "Confirmed by the Workflow" needs a Sage 50 UKI credential',
			{
				description:
					'The bridge keeps this trigger\'s delivery ledger. Select the Sage 50 bridge credential on the trigger, or set Delivery to "When Emitted".',
			},
		);
	}
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
	const records = new Map<string, IDataObject>();
	for (const order of SAMPLE_ORDERS) {
		for await (const page of forceManagerPages.call(this, entityPath(settings.entity), {
			where: deltaWhere(null, settings.extraWhere),
			order,
			pageSize: SAMPLE_PAGE_SIZE,
		})) {
			for (const record of page) records.set(String(record.id), record);
			break; // the first page is enough
		}
	}
	let best: Candidate | undefined;
	let fallback: Candidate | undefined;
	for (const record of records.values()) {
		const change = readChange(record);
		if (!change) continue;
		const event = latestChange(change.dates);
		const c: Candidate = {
			event,
			record,
			stamp: change.stamp,
			actors: changeActors(record, event, change.dates),
		};
		const newer = (than: Candidate | undefined) =>
			!than || (c.stamp ?? -Infinity) > (than.stamp ?? -Infinity);
		if (newer(fallback)) fallback = c;
		if (reportable(settings, c) && newer(best)) best = c;
	}
	const sample = best ?? fallback;
	if (!sample) return [[]];
	// Show the enriched shape (and a would-be hold reason) in the editor too.
	const [built] = await emitItems.call(this, settings, [sample]);
	return [[built.item]];
}
