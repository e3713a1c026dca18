// In-memory tables. Rows are kept in "stored shape" (lookups as ints, timestamps as formatted strings) and
// rendered to the read shape (lookups as objects) by `render`.
import { formatTimestamp, type SimClock } from './clock';
import { AUDIT_FIELDS, ENTITIES, type EntityDef, isExtraField, langSuffix, type Row } from './entities';
import { ApiError, notFound } from './errors';
import { normaliseWrite } from './write';

export interface WriteOptions {
	/** User id stamped into salesRepIdCreated/Updated/Deleted (API key's user, or the UI admin user). */
	actor: number;
	/** notes §5: readOnly enforcement is unknown; configurable, default off. */
	enforceReadOnly?: boolean;
}

export interface StoredDocument {
	id: string;
	entity: string;
	entityId: number;
	name: string;
	folderId: string;
	isCarrousel: boolean;
	dateCreated: string;
	salesRepIdCreated: number;
	uploadToken: string;
	contentType: string | null;
	bytes: Buffer | null;
}

export interface StoredHook {
	id: number;
	name: string;
	url: string;
	version: number;
	secret_key: string;
	action: string;
	entity: string;
	user_created: number;
	user_updated: string | null;
	user_deleted: string | null;
	date_created: string;
	date_updated: string | null;
	date_deleted: string | null;
	deleted: boolean;
}

export class Store {
	private tables = new Map<string, Map<number, Row>>();
	private nextIds = new Map<string, number>();
	documents = new Map<string, StoredDocument>();
	hooks = new Map<number, StoredHook>();
	nextHookId = 1;
	nextDocumentId = 1;

	constructor(private readonly clock: SimClock) {
		for (const name of Object.keys(ENTITIES)) this.tables.set(name, new Map());
	}

	def(entity: string): EntityDef {
		const def = ENTITIES[entity];
		if (!def) throw new ApiError(400, 910, `Unknown entity '${entity}'`);
		return def;
	}

	table(entity: string): Map<number, Row> {
		this.def(entity);
		return this.tables.get(entity)!;
	}

	/** All rows, deleted included, in id order. */
	rows(entity: string): Row[] {
		return [...this.table(entity).values()].sort((a, b) => a.id - b.id);
	}

	get(entity: string, id: number): Row | undefined {
		return this.table(entity).get(id);
	}

	require(entity: string, id: number): Row {
		const row = Number.isInteger(id) ? this.get(entity, id) : undefined;
		if (!row) throw notFound(entity, id);
		return row;
	}

	exists = (entity: string, id: number): boolean => {
		const row = this.tables.get(entity)?.get(id);
		return row !== undefined && row.deleted !== true;
	};

	create(entity: string, input: unknown, opts: WriteOptions & { seed?: boolean }): Row {
		const def = this.def(entity);
		const values = normaliseWrite(def, input, { mode: 'create', seed: opts.seed, exists: this.exists });
		const table = this.table(entity);
		const next = this.nextIds.get(entity) ?? 1;
		const id = typeof values.id === 'number' ? values.id : next;
		if (table.has(id)) throw new ApiError(400, 400, `${entity} ${id} already exists`, 'id');
		this.nextIds.set(entity, Math.max(next, id + 1));
		const row: Row = { id };
		for (const field of Object.keys(def.fields)) row[field] = null;
		Object.assign(row, {
			dateCreated: formatTimestamp(this.clock.now()),
			dateUpdated: null,
			dateDeleted: null,
			deleted: false,
			salesRepIdCreated: opts.actor,
			salesRepIdUpdated: null,
			salesRepIdDeleted: null,
		});
		if (entity === 'productFamilies') row.idParent = -1; // notes §8.4: -1 = root
		Object.assign(row, values, { id });
		if (row.deleted && !row.dateDeleted) row.dateDeleted = row.dateCreated;
		table.set(id, row);
		return row;
	}

	update(entity: string, id: number, input: unknown, opts: WriteOptions): Row {
		const def = this.def(entity);
		const row = this.require(entity, id);
		this.checkReadOnly(entity, row, opts);
		const values = normaliseWrite(def, input, { mode: 'update', exists: this.exists });
		Object.assign(row, values);
		row.dateUpdated = formatTimestamp(this.clock.now());
		row.salesRepIdUpdated = opts.actor;
		if (entity === 'salesorders' && 'internalComment' in values) {
			row.internalCommentUpdateDate = row.dateUpdated;
			row.internalCommentUpdateSalesRepId = opts.actor;
		}
		return row;
	}

	/** Soft delete (notes §4.5): the row stays readable with `deleted: true`. Deleting twice is a no-op. */
	remove(entity: string, id: number, opts: WriteOptions): Row {
		const row = this.require(entity, id);
		this.checkReadOnly(entity, row, opts);
		if (!row.deleted) {
			row.deleted = true;
			row.dateDeleted = formatTimestamp(this.clock.now());
			row.salesRepIdDeleted = opts.actor;
		}
		return row;
	}

	private checkReadOnly(entity: string, row: Row, opts: WriteOptions): void {
		if (opts.enforceReadOnly && row.readOnly === true) {
			throw new ApiError(400, 400, `${entity} ${row.id} is read-only and cannot be modified or deleted`, 'readOnly');
		}
	}

	/** Read shape (swagger *Response; notes §3, §8): lookups `{id,value}` (users `{id,description}`), nulls kept. */
	render(entity: string, row: Row, lang = 'en'): Record<string, unknown> {
		const def = this.def(entity);
		const out: Record<string, unknown> = { id: row.id };
		for (const [field, fd] of Object.entries(def.fields)) {
			const value = row[field];
			if (value === null || value === undefined) {
				out[field] = null;
			} else if (fd.type === 'lookup') {
				out[field] = this.lookupValue(def, fd.ref, value as number, lang);
			} else if (fd.type === 'enum') {
				out[field] = { id: value, value: fd.options?.[value as number] ?? '' };
			} else {
				out[field] = value;
			}
		}
		for (const field of Object.keys(AUDIT_FIELDS)) out[field] = row[field] ?? null;
		if (def.deletedAsInt) out.deleted = row.deleted ? 1 : 0;
		for (const [key, value] of Object.entries(row)) if (isExtraField(key)) out[key] = value;
		return out;
	}

	lookupLabel(ref: string | undefined, id: number, lang: string): string {
		const target = ref ? this.tables.get(ref)?.get(id) : undefined;
		return target ? ENTITIES[ref!].label(target, lang) : '';
	}

	private lookupValue(def: EntityDef, ref: string | undefined, id: number, lang: string): Record<string, unknown> {
		if (def.lookupStyle === 'description') {
			// notes §3: users' "nobody" is {"id":-1,"description":" "}
			return { id, description: id === -1 ? ' ' : this.lookupLabel(ref, id, lang) || ' ' };
		}
		return { id, value: this.lookupLabel(ref, id, lang) };
	}

	/** Language-dependent label used by `where` on `<lookup>.value`. */
	labelFor(entity: string, field: string, row: Row, lang: string): string | null {
		const fd = this.def(entity).fields[field];
		const id = row[field];
		if (typeof id !== 'number' || !fd) return null;
		if (fd.type === 'enum') return fd.options?.[id] ?? null;
		return this.lookupLabel(fd.ref, id, lang);
	}

	langSuffix = langSuffix;
}
