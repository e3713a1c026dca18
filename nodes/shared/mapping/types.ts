// Shared shapes of the rule engine: the settings a Mapper node passes in, the normalised source
// item every entity module reads, and the field-rule table that both drives the mapping and is
// shown in the editor (so the visible default map can never drift from what the engine does).
import type { DeliveryToken } from '../sync/delivery';
import type { MappedRecord, SyncDirection, SyncEntity } from '../sync/envelope';
import type { PairState } from '../sync/snapshot';

export type Rec = Record<string, unknown>;
export type ChangeEventName = 'created' | 'updated' | 'deleted';

export interface OrderStatusIds {
	quote?: number;
	order?: number;
	invoiced?: number;
	cancelled?: number;
}

export interface MapperSettings {
	entity: SyncEntity;
	direction: SyncDirection;
	/** ForceManager user that becomes sales rep on creation or when empty (U2). */
	adminUserId: number;
	/** ForceManager branch of records created by the sync. */
	branchId: number;
	/** ISO 3166 alpha-2 (Sage COUNTRY_CODE) → ForceManager countryId. */
	countries: Record<string, number>;
	/** ISO 4217 (Sage currency CODE) → ForceManager currencyId. */
	currencies: Record<string, number>;
	/** ForceManager sales-order status ids; a missing one leaves statusId out. */
	orderStatuses: OrderStatusIds;
	/** FREE_STOCK (in stock less allocated) or QTY_IN_STOCK for ForceManager `stock`. */
	stockFigure: 'freeStock' | 'qtyInStock';
	/** Sale total from INVOICE_GROSS or INVOICE_NET. */
	saleTotal: 'gross' | 'net';
	/** FM → Sage orders: send the ForceManager line price and discount instead of letting Sage price. */
	sendLinePrices: boolean;
	overrides: Array<{ field: string; value: unknown }>;
	skipFields: string[];
}

export const DEFAULT_COUNTRIES: Record<string, number> = { GB: 1, IE: 2, FR: 3, ES: 4 };
export const DEFAULT_CURRENCIES: Record<string, number> = { GBP: 1, EUR: 2, USD: 3 };

export const DEFAULT_SETTINGS: Omit<MapperSettings, 'entity' | 'direction'> = {
	adminUserId: 1,
	branchId: 1,
	countries: DEFAULT_COUNTRIES,
	currencies: DEFAULT_CURRENCIES,
	orderStatuses: { quote: 1, order: 2, invoiced: 3, cancelled: 4 },
	stockFigure: 'freeStock',
	saleTotal: 'gross',
	sendLinePrices: false,
	overrides: [],
	skipFields: [],
};

/** One incoming item, whatever produced it (Sage trigger, FM trigger, or a plain Get Many record). */
export interface SourceItem {
	event: ChangeEventName;
	/** The record; null only for a tombstone that carries no last state. */
	record: Rec | null;
	/** Sage trigger `key` (ACCOUNT_REF, address REFERENCE, STOCK_CODE, ORDER_NUMBER …). */
	key?: string;
	/** ForceManager trigger `id`. */
	id?: string | number;
	/** Sage trigger `changedAtUtc` / FM trigger `changedAt`. */
	changedAt?: string | null;
	/** FM trigger enrichment: `related.account {id,name,extId,readOnly}`. */
	related?: Rec;
	/** FM trigger: a dependency is missing. */
	hold?: { reason: string };
	/** Whether an image binary came with the item (P3). */
	hasImage: boolean;
	/** Trigger in "Confirmed" delivery: the change's delivery token, passed on untouched. */
	delivery?: DeliveryToken;
	/** Trigger: the pair's last-synced state (null: never synced). */
	synced?: PairState | null;
}

export type Target = 'fields' | 'createOnly' | 'fillIfEmpty';

/** One destination field: where it comes from (for the editor) and how it is computed. */
export interface FieldRule {
	field: string;
	/** Human description of the source, e.g. "ADDRESS_1" or "ADDRESS_2 + ADDRESS_3". */
	from: string;
	target?: Target;
	/** Rule ID governing the field; such fields cannot be overridden. */
	rule?: string;
	/** undefined = field left out (e.g. no country: an unlisted one fails the record before the rules run). */
	value: (record: Rec, settings: MapperSettings, item: SourceItem) => unknown;
}

export interface FieldMapEntry {
	field: string;
	from: string;
	target: Target;
	rule?: string;
}

export interface EntityMapper {
	entity: SyncEntity;
	direction: SyncDirection;
	fields: FieldRule[];
	map: (item: SourceItem, settings: MapperSettings) => MappedRecord;
}

/** A record cannot be mapped (bad input or a refused override); the message names record and field. */
export class MappingError extends Error {
	constructor(
		message: string,
		/** The field the error is about, when one is. */
		readonly field?: string,
	) {
		super(message);
		this.name = 'MappingError';
	}
}
