// The ForceManager v4 API under /api/v4 (swagger paths; notes §1-§11 where the swagger is silent).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUDIT_FIELDS, ENTITIES, type EntityDef, VALUE_LISTS } from './entities';
import { ApiError, badField, notFound, sessionError } from './errors';
import { header, parseJson, readBody, sendJson } from './http';
import { compileOrder, compileWhere } from './query';
import type { Session } from './sessions';
import type { SimState } from './state';
import { formatTimestamp } from './clock';

export const API_PREFIX = '/api/v4';
const BULK_ENTITIES = new Set(Object.values(ENTITIES).filter((d) => d.bulk).map((d) => d.name));
const BULK_MAX = 100; // notes §9: sources say 100-200; use <= 100
const DEFAULT_PAGE_SIZE = 50; // notes §4.2
const DOCUMENT_ENTITIES = new Set(['accounts', 'opportunities', 'salesorders', 'products']); // notes §11
const HOOK_ENTITIES: Record<string, string> = {
	accounts: 'account',
	contacts: 'contact',
	opportunities: 'opportunity',
	salesorders: 'salesorder',
}; // notes §10
const HOOK_ACTIONS = ['insert', 'update', 'delete'];
const HOOK_ENTITY_NAMES = ['account', 'contact', 'opportunity', 'activity', 'calendar', 'salesorder'];

/** Path template used by the counters: `/api/v4/accounts/{id}`, `/api/v4/accounts/bulk`, ... */
export function routeTemplate(segments: string[]): string {
	const parts = segments.map((s, i) => {
		if (i === 1 && /^-?\d+$|^[^a-z]/i.test(s)) return '{id}';
		if (i === 1 && segments[0] in ENTITIES && !['bulk', 'schema', 'hooks'].includes(s)) return '{id}';
		if (i === 1 && segments[0] === 'hooks') return '{id}';
		return s;
	});
	return `${API_PREFIX}/${parts.join('/')}`;
}

interface Call {
	state: SimState;
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	segments: string[];
	session: Session;
	lang: string;
}

/** Login, session check and rate limit, then dispatch. Errors are thrown as ApiError and rendered by the server. */
export async function handleApi(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL, segments: string[]): Promise<void> {
	const method = req.method ?? 'GET';
	if (segments.length === 1 && segments[0] === 'login') {
		if (method !== 'POST') throw new ApiError(405, 405, 'Use POST /login');
		const body = (parseJson(await readBody(req)) ?? {}) as Record<string, unknown>;
		const key = state.sessions.findKey(body.username);
		if (key) rateLimit(state, key.publicKey);
		const session = state.sessions.login(body.username, body.password);
		// notes §2.1/§14.1: wrong keys -> 401 (body unknown). Not code "2", so clients do not loop re-logging in.
		if (!session) throw new ApiError(401, 1, 'Invalid public or private key');
		sendJson(res, 200, { token: session.token });
		return;
	}
	const session = state.sessions.resolve(header(req, 'x-session-key'));
	if (!session) throw sessionError(header(req, 'x-session-key') ? 'Invalid or expired session' : 'Missing X-Session-Key header');
	rateLimit(state, session.key.publicKey);
	const lang = url.searchParams.get('lang') ?? 'en';
	await dispatch({ state, req, res, url, segments, session, lang });
}

function rateLimit(state: SimState, publicKey: string): void {
	const wait = state.limiter.take(publicKey);
	if (wait > 0) throw new RateLimited(wait);
}

export class RateLimited extends ApiError {
	constructor(readonly retryAfterSeconds: number) {
		super(429, 429, `Rate limit exceeded; retry after ${retryAfterSeconds} s`);
	}
}

async function dispatch(call: Call): Promise<void> {
	const { req, segments } = call;
	const method = req.method ?? 'GET';
	const [resource, second, third] = segments;
	if (resource === 'resources' && segments.length === 1 && method === 'GET') return listResources(call);
	if (resource === 'procedure' && second === 'zapier_schema' && method === 'POST') return zapierSchema(call);
	if (resource === 'hooks') return hooks(call, method, second);
	const def = ENTITIES[resource];
	if (!def) throw new ApiError(404, 910, `Resource '${resource}' does not exist`);
	if (segments.length === 1) {
		if (method === 'GET') return list(call, def);
		if (method === 'POST') return create(call, def);
	} else if (second === 'schema' && segments.length === 2 && method === 'GET') {
		return sendJson(call.res, 200, schemaOf(def));
	} else if (second === 'bulk' && segments.length === 2) {
		if (!BULK_ENTITIES.has(def.name)) throw new ApiError(404, 910, `${def.name} has no bulk endpoint`);
		if (method === 'POST' || method === 'PUT' || method === 'DELETE') return bulk(call, def, method);
	} else if (second === 'hooks' && segments.length === 3 && method === 'POST' && HOOK_ENTITIES[resource]) {
		return createHook(call, { entity: HOOK_ENTITIES[resource], action: third });
	} else if (third === 'documents' && segments.length === 3 && DOCUMENT_ENTITIES.has(def.name)) {
		const id = parseId(def, second);
		if (method === 'POST') return createDocument(call, def, id);
		if (method === 'GET') return listDocuments(call, def, id);
	} else if (segments.length === 2) {
		const id = parseId(def, second);
		if (method === 'GET') return sendJson(call.res, 200, call.state.store.render(def.name, call.state.store.require(def.name, id), call.lang));
		if (method === 'PUT') return update(call, def, id);
		if (method === 'DELETE') return remove(call, def, id);
	} else {
		throw new ApiError(404, 910, `Resource '${segments.join('/')}' does not exist`);
	}
	throw new ApiError(405, 405, `${method} is not supported on /${segments.join('/')}`);
}

function parseId(def: EntityDef, text: string): number {
	if (!/^\d+$/.test(text)) throw notFound(def.name, text);
	return Number(text);
}

function requireCrud(def: EntityDef, method: string): void {
	// users and value lists are GET-only in the swagger (U1: no user write endpoints invented)
	if (def.api !== 'crud') throw new ApiError(405, 405, `${method} is not supported on /${def.name}`);
}

/** notes §4.2: page size from the `count` header, `X-FM-Entity-Count` header or `count` query, case-insensitively. */
function pageSize(call: Call): number {
	const query = [...call.url.searchParams.entries()].find(([k]) => k.toLowerCase() === 'count')?.[1];
	const raw = header(call.req, 'count') ?? header(call.req, 'x-fm-entity-count') ?? query;
	if (raw === undefined || raw === '') return Math.min(DEFAULT_PAGE_SIZE, call.state.config.pageSizeMax);
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw badField('count', `count must be a positive integer, got '${raw}'`);
	return Math.min(n, call.state.config.pageSizeMax);
}

function list(call: Call, def: EntityDef): void {
	const { store } = call.state;
	const params = call.url.searchParams;
	const where = compileWhere(store, def, params.get('where') ?? '', call.lang);
	const order = compileOrder(def, params.get('order') ?? '');
	const rows = store.rows(def.name).filter(where).sort(order);
	// swagger value lists take `getFullList=true`: the whole list in one response (our reading of the flag).
	if (VALUE_LISTS.includes(def.name) && /^true$/i.test(params.get('getFullList') ?? '')) {
		sendJson(call.res, 200, rows.map((r) => store.render(def.name, r, call.lang)));
		return;
	}
	const pageText = params.get('page') ?? '0';
	if (!/^\d+$/.test(pageText)) throw badField('page', `page must be a 0-based integer, got '${pageText}'`);
	const page = Number(pageText);
	const size = pageSize(call);
	const slice = rows.slice(page * size, (page + 1) * size);
	const hasNext = (page + 1) * size < rows.length;
	// notes §4.2: the legacy X-FM-* paging headers may be emitted; clients must not depend on them.
	sendJson(
		call.res,
		200,
		slice.map((r) => store.render(def.name, r, call.lang)),
		{
			'X-FM-Page': String(page),
			'X-FM-Next-Page': String(hasNext ? page + 1 : page),
			'X-FM-Prev-Page': String(Math.max(0, page - 1)),
			'X-FM-Entity-Count': String(slice.length),
		},
	);
}

async function body(call: Call): Promise<unknown> {
	return parseJson(await readBody(call.req));
}

async function create(call: Call, def: EntityDef): Promise<void> {
	requireCrud(def, 'POST');
	const row = call.state.store.create(def.name, await body(call), { actor: call.session.key.userId });
	sendJson(call.res, 200, { Message: 'entity created', id: row.id }); // notes §5: `Message`, capital M
}

async function update(call: Call, def: EntityDef, id: number): Promise<void> {
	requireCrud(def, 'PUT');
	const input = await body(call);
	call.state.store.update(def.name, id, input, { actor: call.session.key.userId, enforceReadOnly: call.state.config.enforceReadOnly });
	sendJson(call.res, 200, { Message: 'entity updated' });
}

function remove(call: Call, def: EntityDef, id: number): void {
	requireCrud(def, 'DELETE');
	call.state.store.remove(def.name, id, { actor: call.session.key.userId, enforceReadOnly: call.state.config.enforceReadOnly });
	sendJson(call.res, 200, { Message: 'entity deleted' });
}

/** notes §9: items `{guid,data}` / `{guid,id,data}` / `{guid,id}`; per-item `{guid,id,code,message}`, code 1 = success. */
async function bulk(call: Call, def: EntityDef, method: 'POST' | 'PUT' | 'DELETE'): Promise<void> {
	const items = await body(call);
	if (!Array.isArray(items)) throw badField('body', 'A bulk request body must be a JSON array');
	if (items.length > BULK_MAX) throw badField('body', `A bulk request takes at most ${BULK_MAX} items, got ${items.length}`);
	const { store, config } = call.state;
	const opts = { actor: call.session.key.userId, enforceReadOnly: config.enforceReadOnly };
	const verb = method === 'POST' ? 'create' : method === 'PUT' ? 'update' : 'delete';
	const results = items.map((raw: unknown) => {
		const item = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
		const guid = item.guid ?? null;
		const id = typeof item.id === 'number' ? item.id : null;
		try {
			if (typeof guid !== 'string' || !guid) throw badField('guid', "Field 'guid' is required");
			if (method === 'POST') {
				const row = store.create(def.name, item.data, opts);
				return { guid, id: row.id, code: 1, message: 'Entity create success' };
			}
			if (id === null) throw badField('id', "Field 'id' is required");
			if (method === 'PUT') store.update(def.name, id, item.data, opts);
			else store.remove(def.name, id, opts);
			return { guid, id, code: 1, message: `Entity ${verb} success` };
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			return { guid, id, code: 0, message: error.message };
		}
	});
	sendJson(call.res, 200, results);
}

function listResources(call: Call): void {
	// notes §1: [{description, end_point, schema, operations}]
	sendJson(
		call.res,
		200,
		Object.values(ENTITIES).map((d) => ({
			description: d.name,
			end_point: `/v4/${d.name}`,
			schema: `/v4/${d.name}/schema`,
			operations: { create: d.api === 'crud', read: true, update: d.api === 'crud', delete: d.api === 'crud' },
		})),
	);
}

/** notes §3 `/schema` shape. */
function schemaOf(def: EntityDef): Record<string, unknown> {
	const properties: Record<string, unknown> = { id: { description: '', type: ['integer'], readOnly: true } };
	for (const [name, fd] of Object.entries({ ...def.fields, ...AUDIT_FIELDS })) {
		const type = { string: 'string', int: 'integer', number: 'number', bool: 'boolean', datetime: 'string', enum: 'object', lookup: 'object', json: 'array' }[fd.type];
		const prop: Record<string, unknown> = { description: '', type: [type, 'null'], readOnly: fd.readOnly === true };
		if (fd.maxLength) prop.maxLength = fd.maxLength;
		if (fd.type === 'datetime') prop.format = 'date-time';
		if (fd.type === 'lookup') {
			prop.table = fd.ref ?? null;
			prop.properties = { id: { type: 'integer' }, value: { type: ['string', 'null'] } };
			prop.required = ['id'];
		}
		properties[name] = prop;
	}
	return { properties, required: def.required };
}

/** swagger GetCustomFieldsSchema: `{data: {...}}`. The simulated tenant defines no extra fields. */
async function zapierSchema(call: Call): Promise<void> {
	const input = await body(call);
	const entity = typeof input === 'string' ? input : (input as Record<string, unknown> | undefined)?.entity;
	if (typeof entity !== 'string' || !entity) throw badField('entity', "Field 'entity' is required");
	sendJson(call.res, 200, { data: { type: 'object', properties: {} } });
}

async function hooks(call: Call, method: string, idText: string | undefined): Promise<void> {
	const { store } = call.state;
	if (idText === undefined) {
		if (method === 'GET') return sendJson(call.res, 200, [...store.hooks.values()]);
		if (method === 'POST') return createHook(call, {});
	} else {
		const hook = /^\d+$/.test(idText) ? store.hooks.get(Number(idText)) : undefined;
		if (!hook) throw notFound('hooks', idText);
		if (method === 'GET') return sendJson(call.res, 200, hook);
		if (method === 'DELETE') {
			// notes §10: hooks are snake_case; DELETE answers {message}
			if (!hook.deleted) {
				hook.deleted = true;
				hook.date_deleted = formatTimestamp(call.state.clock.now());
				hook.user_deleted = String(call.session.key.userId);
			}
			return sendJson(call.res, 200, { message: 'entity deleted' });
		}
	}
	throw new ApiError(405, 405, `${method} is not supported on /hooks`);
}

/** notes §10 / swagger WebhookResponse. Delivery of notifications is not simulated. */
async function createHook(call: Call, fixed: { entity?: string; action?: string }): Promise<void> {
	const input = ((await body(call)) ?? {}) as Record<string, unknown>;
	const entity = fixed.entity ?? input.entity;
	const action = fixed.action ?? input.action;
	if (typeof input.url !== 'string' || !input.url) throw badField('url', "Field 'url' is required");
	if (typeof entity !== 'string' || !HOOK_ENTITY_NAMES.includes(entity)) throw badField('entity', `Field 'entity' must be one of ${HOOK_ENTITY_NAMES.join(', ')}`);
	if (typeof action !== 'string' || !HOOK_ACTIONS.includes(action)) throw badField('action', `Field 'action' must be one of ${HOOK_ACTIONS.join(', ')}`);
	const { store } = call.state;
	const hook = {
		id: store.nextHookId++,
		name: typeof input.name === 'string' ? input.name : `${entity}/${action}`,
		url: input.url,
		version: 4,
		secret_key: randomUUID(),
		action,
		entity,
		user_created: call.session.key.userId,
		user_updated: null,
		user_deleted: null,
		date_created: formatTimestamp(call.state.clock.now()),
		date_updated: null,
		date_deleted: null,
		deleted: false,
	};
	store.hooks.set(hook.id, hook);
	sendJson(call.res, 200, hook);
}

/** notes §11: `{id: "<string>", locator}`; the locator is a pre-signed-style PUT URL on the simulator itself. */
async function createDocument(call: Call, def: EntityDef, id: number): Promise<void> {
	requireCrud(def, 'POST');
	const { store } = call.state;
	store.require(def.name, id);
	const input = ((await body(call)) ?? {}) as Record<string, unknown>;
	if (typeof input.name !== 'string' || !input.name) throw badField('name', "Field 'name' is required");
	const docId = String(store.nextDocumentId++);
	const uploadToken = randomUUID().replace(/-/g, '');
	store.documents.set(docId, {
		id: docId,
		entity: def.name,
		entityId: id,
		name: input.name,
		folderId: input.folderId === undefined ? '-1' : String(input.folderId),
		isCarrousel: input.isCarrousel === true,
		dateCreated: formatTimestamp(call.state.clock.now()),
		salesRepIdCreated: call.session.key.userId,
		uploadToken,
		contentType: null,
		bytes: null,
	});
	const locator = `${call.state.origin}/__uploads/${docId}?X-Amz-Expires=604800&X-Amz-Signature=${uploadToken}`;
	sendJson(call.res, 200, { id: docId, locator });
}

function listDocuments(call: Call, def: EntityDef, id: number): void {
	const { store } = call.state;
	store.require(def.name, id);
	const docs = [...store.documents.values()]
		.filter((d) => d.entity === def.name && d.entityId === id)
		.map((d) => ({
			id: d.id,
			name: d.name,
			extension: d.name.includes('.') ? d.name.split('.').pop() : '',
			folderId: d.folderId,
			isCarrousel: d.isCarrousel,
			size: d.bytes?.length ?? 0,
			uploaded: d.bytes !== null,
			dateCreated: d.dateCreated,
			salesRepIdCreated: d.salesRepIdCreated,
		}));
	sendJson(call.res, 200, docs);
}
