import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { forceManagerPages } from '../shared/forcemanager/paging';
import {
	classifyChange,
	cursorFromBeginning,
	cursorStartingAt,
	latestChange,
	readCursorState,
	startPoll,
	toIsoUtc,
	type ChangeEvent,
} from '../shared/polling';
import { changeActors, changedBy, deltaWhere, isEcho, readChange } from './changes';
import { entityPath } from './entities';

export interface TriggerSettings {
	entity: string;
	events: ChangeEvent[];
	firstRun: 'now' | 'all';
	overlapMs: number;
	ignoredUsers: ReadonlySet<number>;
	extraWhere: string;
	pageSize: number;
}

/** One output item per change. Shape documented in the node's notice and README. */
function changeItem(
	settings: TriggerSettings,
	event: ChangeEvent,
	record: IDataObject,
	stamp: number | undefined,
	actors: Array<number | undefined>,
): INodeExecutionData {
	return {
		json: {
			event,
			entity: settings.entity,
			id: record.id as number,
			changedAt: stamp === undefined ? null : toIsoUtc(stamp),
			changedBy: changedBy(actors),
			record,
		},
	};
}

/** Key of the cursor: changing the entity or the filter starts a new cursor. */
export function cursorScope(settings: TriggerSettings): string {
	return `${settings.entity}|${settings.extraWhere}`;
}

/**
 * A regular poll: reads every row changed since the cursor (minus the overlap), emits the changes
 * not emitted before, and stores the advanced cursor only after the last page was read.
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

	const items: INodeExecutionData[] = [];
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
			if (!cursor.accept({ id: change.id, changedAt: change.stamp ?? 0 })) continue;
			if (priming) continue;
			const event = classifyChange(change.dates, { since: cursor.since, seenBefore });
			if (!settings.events.includes(event)) continue;
			const actors = changeActors(record, event, change.dates);
			// Echoes pass the cursor (accepted above) but are not emitted.
			if (isEcho(actors, settings.ignoredUsers)) continue;
			items.push(changeItem(settings, event, record, change.stamp, actors));
		}
	}
	staticData.cursor = cursor.finish() as unknown as IDataObject;
	return items.length ? [items] : null;
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
	return [sample ? [sample] : []];
}
