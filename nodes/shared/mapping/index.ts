// The rule engine of the Sage 50 ⇄ ForceManager Mapper: pure and deterministic (no clock, no I/O),
// so the same source record always maps to the same item and a rerun writes nothing (idempotency).
import type { MappedRecord, SyncDirection, SyncEntity } from '../sync/envelope';
import { pairEntityOf, project } from '../sync/snapshot';
import { accountToSageCustomer, sageCustomerToAccount } from './accounts';
import { contactToSageAddress, sageAddressToContact } from './contacts';
import { fieldMapOf } from './common';
import { toSourceItem } from './input';
import { sageInvoiceToSale } from './invoices';
import { sageProductToProduct } from './products';
import { sageOrderToSalesOrder, salesOrderToSage } from './salesOrders';
import { DEFAULT_SETTINGS, type EntityMapper, type FieldMapEntry, type FieldRule, type MapperSettings, MappingError, type Rec, type Target } from './types';
import { sageUserToUser } from './users';

export { MappingError, DEFAULT_SETTINGS, DEFAULT_COUNTRIES, DEFAULT_CURRENCIES } from './types';
export type { FieldMapEntry, MapperSettings, OrderStatusIds } from './types';
export { toSourceItem } from './input';

export const ENTITIES: SyncEntity[] = ['account', 'contact', 'product', 'salesOrder', 'quotation', 'invoice', 'user'];
/** P1, O2, U1: products, invoices and users only go Sage → ForceManager. */
export const ONE_WAY: ReadonlySet<SyncEntity> = new Set(['product', 'invoice', 'user']);

const MAPPERS: Record<SyncDirection, Partial<Record<SyncEntity, EntityMapper>>> = {
	sageToForceManager: {
		account: sageCustomerToAccount,
		contact: sageAddressToContact,
		product: sageProductToProduct,
		salesOrder: sageOrderToSalesOrder('salesOrder'),
		quotation: sageOrderToSalesOrder('quotation'),
		invoice: sageInvoiceToSale,
		user: sageUserToUser,
	},
	forceManagerToSage: {
		account: accountToSageCustomer,
		contact: contactToSageAddress,
		salesOrder: salesOrderToSage('salesOrder'),
		quotation: salesOrderToSage('quotation'),
	},
};

/** Fields the rules own: overriding or skipping them would break matching or a rule. */
export const RULE_FIELDS: Readonly<Record<string, string>> = {
	extId: 'A2 (the match key)',
	readOnly: 'A3/P1/O2 (Sage-owned records are read-only in ForceManager)',
	stock: 'P2 (no stock figure where stock does not apply)',
	notAvailable: 'P5 (inactive in Sage = not available)',
	ACCOUNT_REF: 'A2/C3 (the Sage account reference)',
	ADDRESS_TYPE: 'C3 (contact-type addresses only)',
	ORDER_TYPE: 'O1 (the resource decides quotation or order)',
};

function mapperFor(entity: SyncEntity, direction: SyncDirection): EntityMapper {
	const mapper = MAPPERS[direction]?.[entity];
	if (!mapper) throw new MappingError(`${entity} cannot be mapped ${direction === 'forceManagerToSage' ? 'ForceManager → Sage' : 'Sage → ForceManager'}: it syncs one way only`);
	return mapper;
}

/** Throws when the entity does not sync in that direction (a setting, not a record, is wrong). */
export function assertMappable(entity: SyncEntity, direction: SyncDirection): void {
	mapperFor(entity, direction);
}

/** The default field map of an entity and direction, in the order the engine applies it. */
export function defaultFieldMap(entity: SyncEntity, direction: SyncDirection): FieldMapEntry[] {
	return fieldMapOf(mapperFor(entity, direction).fields);
}

const TARGET_NOTE: Record<Target, string> = { fields: '', createOnly: ' (on creation only)', fillIfEmpty: ' (on creation, or when empty — U2)' };

/** "name ← NAME; address1 ← ADDRESS_1; …" for the editor notice and the README. */
export function describeFieldMap(entity: SyncEntity, direction: SyncDirection): string {
	return defaultFieldMap(entity, direction)
		.map((e) => `${e.field} ← ${e.from}${TARGET_NOTE[e.target]}${e.rule ? ` [${e.rule}]` : ''}`)
		.join('; ');
}

function applyOverrides(out: MappedRecord, settings: MapperSettings, rules: FieldRule[]): MappedRecord {
	const parts: Array<Rec | undefined> = [out.fields, out.createOnly, out.fillIfEmpty];
	const refuse = (field: string, what: string) => {
		throw new MappingError(`${out.sync.label}: field "${field}" cannot be ${what}, it is governed by rule ${RULE_FIELDS[field]}`, field);
	};
	for (const raw of settings.skipFields) {
		const field = raw.trim();
		if (field === '') continue;
		if (field in RULE_FIELDS) refuse(field, 'skipped');
		for (const part of parts) if (part) delete part[field];
	}
	for (const { field: raw, value } of settings.overrides) {
		const field = String(raw ?? '').trim();
		if (field === '') continue;
		if (field in RULE_FIELDS) refuse(field, 'overridden');
		// A field the Mapper left out (no value) goes where its rule puts it: a create-only field stays create-only.
		const target = rules.find((r) => r.field === field)?.target ?? 'fields';
		const holder = parts.find((part) => part && field in part) ?? (out[target] ??= {});
		if (value === '' || value === undefined || value === null) delete holder[field];
		else holder[field] = value;
	}
	if (out.createOnly && Object.keys(out.createOnly).length === 0) delete out.createOnly;
	if (out.fillIfEmpty && Object.keys(out.fillIfEmpty).length === 0) delete out.fillIfEmpty;
	return out;
}

/**
 * One source item (trigger item or plain record) → one MappedRecord for the destination.
 * Overrides and skipped fields apply to upserts only; they never touch rule-owned fields. The
 * trigger's delivery token and the pair's last-synced state travel along, and for two-way pairs the
 * source record's sync-relevant fields become the source side of the pair's next state.
 */
export function mapRecord(input: Rec, settings: MapperSettings, extras: { hasImage?: boolean } = {}): MappedRecord {
	const mapper = mapperFor(settings.entity, settings.direction);
	const item = toSourceItem(input, extras.hasImage === true);
	const out = mapper.map(item, settings);
	const mapped = out.sync.action === 'upsert' ? applyOverrides(out, settings, mapper.fields) : out;
	return withDelivery(mapped, item, settings);
}

function withDelivery(out: MappedRecord, item: ReturnType<typeof toSourceItem>, settings: MapperSettings): MappedRecord {
	if (item.delivery) out.sync.delivery = item.delivery;
	const pair = pairEntityOf(settings.entity);
	if (!pair) return out;
	if (item.synced !== undefined) out.sync.synced = item.synced;
	if (out.sync.action === 'upsert' && item.record) {
		out.sync.snapshot = project(pair, settings.direction === 'sageToForceManager' ? 'sage50' : 'forceManager', item.record);
	}
	return out;
}

/**
 * Like mapRecord, but a record that cannot be mapped (a bad value, a refused override) becomes a
 * `fail` item naming the record and the field, so it fails alone: the rest of the batch goes on, and
 * its trigger's delivery ledger retries it and finally lists it as a dead letter.
 */
export function mapOrFail(input: Rec, settings: MapperSettings, extras: { hasImage?: boolean } = {}): MappedRecord {
	try {
		return mapRecord(input, settings, extras);
	} catch (error) {
		// Whatever stops one record from mapping fails that record alone.
		const field = error instanceof MappingError ? error.field : undefined;
		const item = toSourceItem(input, extras.hasImage === true);
		const id = String(item.record?.ACCOUNT_REF ?? item.key ?? item.id ?? item.record?.id ?? '');
		const system = settings.direction === 'sageToForceManager' ? 'sage50' : 'forceManager';
		const out: MappedRecord = {
			sync: {
				entity: settings.entity,
				direction: settings.direction,
				action: 'fail',
				rules: [],
				key: '',
				source: { system, entity: settings.entity, id, changedAt: item.changedAt ?? null },
				label: `${system === 'sage50' ? 'Sage' : 'ForceManager'} ${settings.entity} ${id}`.trim(),
				reason: (error as Error).message,
				...(field ? { field } : {}),
			},
			fields: {},
		};
		return withDelivery(out, item, settings);
	}
}

export function settingsWith(partial: Partial<MapperSettings> & Pick<MapperSettings, 'entity' | 'direction'>): MapperSettings {
	return { ...DEFAULT_SETTINGS, ...partial };
}
