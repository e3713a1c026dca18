// Admin API (no session): reset, seed, inspect, edit as a UI user, counters, faults, sessions, config, clock.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENTITIES } from './entities';
import { ApiError } from './errors';
import { parseJson, readBody, sendJson } from './http';
import { applySeed, demoSeed } from './seed';
import type { SimState } from './state';
import { Store, type StoredDocument } from './store';

export type SeedName = 'demo' | 'empty';

/** Data, sessions, counters, faults, rate buckets, config and clock back to start. */
export function resetState(state: SimState, seed: SeedName): void {
	state.clock.reset();
	state.store = new Store(state.clock);
	state.sessions.expireAll();
	state.limiter.reset();
	state.counters.reset();
	state.faults.clear();
	state.config = { ...state.initialConfig };
	if (seed === 'demo') applySeed(state.store, demoSeed(), state.config.uiUserId);
}

const bad = (message: string): ApiError => new ApiError(400, 400, message);

export async function handleAdmin(state: SimState, req: IncomingMessage, res: ServerResponse, segments: string[]): Promise<void> {
	const method = req.method ?? 'GET';
	const route = `${method} /${segments.join('/')}`;
	const input = async (): Promise<Record<string, unknown>> => {
		const body = parseJson(await readBody(req));
		if (body === undefined) return {};
		if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('admin request bodies are JSON objects');
		return body as Record<string, unknown>;
	};
	const [first, entity, idText] = segments;

	if (route === 'GET /health') return sendJson(res, 200, { status: 'ok' });
	if (route === 'POST /reset') {
		const { seed = 'demo' } = await input();
		if (seed !== 'demo' && seed !== 'empty') throw bad("seed must be 'demo' or 'empty'");
		resetState(state, seed);
		return sendJson(res, 200, { status: 'ok', seed });
	}
	if (route === 'POST /seed') {
		const body = await input();
		try {
			return sendJson(res, 200, { ids: applySeed(state.store, body, state.config.uiUserId) });
		} catch (error) {
			throw bad((error as Error).message);
		}
	}
	if (first === 'records') {
		if (!entity || !ENTITIES[entity]) throw new ApiError(404, 910, `Unknown entity '${entity ?? ''}'`);
		const store = state.store;
		const actor = { actor: state.config.uiUserId }; // edits as a person in the UI: no readOnly enforcement
		if (segments.length === 2) {
			if (method === 'GET') return sendJson(res, 200, store.rows(entity).map((r) => store.render(entity, r)));
			if (method === 'POST') {
				const row = store.create(entity, await input(), actor);
				return sendJson(res, 200, { id: row.id, record: store.render(entity, row) });
			}
		} else if (segments.length === 3) {
			const id = Number(idText);
			const existing = Number.isInteger(id) ? store.get(entity, id) : undefined;
			if (!existing) throw new ApiError(404, 910, `${entity} ${idText} does not exist`);
			if (method === 'GET') return sendJson(res, 200, store.render(entity, existing));
			if (method === 'PATCH') return sendJson(res, 200, store.render(entity, store.update(entity, id, await input(), actor)));
			if (method === 'DELETE') return sendJson(res, 200, store.render(entity, store.remove(entity, id, actor)));
		}
	}
	if (route === 'GET /counters') return sendJson(res, 200, state.counters.snapshot());
	if (route === 'POST /counters/reset') {
		state.counters.reset();
		return sendJson(res, 200, state.counters.snapshot());
	}
	if (route === 'GET /faults') return sendJson(res, 200, state.faults.list());
	if (route === 'POST /faults') {
		try {
			state.faults.add(await input());
		} catch (error) {
			if (error instanceof ApiError) throw error;
			throw bad((error as Error).message);
		}
		return sendJson(res, 200, state.faults.list());
	}
	if (route === 'DELETE /faults') {
		state.faults.clear();
		return sendJson(res, 200, []);
	}
	if (route === 'POST /sessions/expire') {
		state.sessions.expireAll();
		return sendJson(res, 200, { status: 'ok' });
	}
	if (route === 'GET /config') return sendJson(res, 200, state.config);
	if (route === 'POST /config') {
		const body = await input();
		const numeric = ['sessionTtlSeconds', 'rateLimitPerSecond', 'pageSizeMax', 'uiUserId'] as const;
		for (const key of Object.keys(body)) {
			if (![...numeric, 'enforceReadOnly'].includes(key)) throw bad(`Unknown config key '${key}'`);
		}
		for (const key of numeric) {
			if (body[key] === undefined) continue;
			if (typeof body[key] !== 'number' || (body[key] as number) < 0) throw bad(`${key} must be a non-negative number`);
			state.config[key] = body[key] as number;
		}
		if (body.enforceReadOnly !== undefined) {
			if (typeof body.enforceReadOnly !== 'boolean') throw bad('enforceReadOnly must be a boolean');
			state.config.enforceReadOnly = body.enforceReadOnly;
		}
		if (body.rateLimitPerSecond !== undefined) state.limiter.reset();
		return sendJson(res, 200, state.config);
	}
	if (route === 'GET /clock') return sendJson(res, 200, state.clock.state());
	if (route === 'POST /clock') {
		const body = await input();
		try {
			if (body.frozenAt !== undefined) {
				if (body.frozenAt !== null && typeof body.frozenAt !== 'string') throw new Error('frozenAt must be an ISO string or null');
				state.clock.freeze(body.frozenAt as string | null);
			}
			if (body.advanceSeconds !== undefined) {
				if (typeof body.advanceSeconds !== 'number') throw new Error('advanceSeconds must be a number');
				state.clock.advance(body.advanceSeconds);
			}
		} catch (error) {
			throw bad((error as Error).message);
		}
		return sendJson(res, 200, state.clock.state());
	}
	if (route === 'GET /documents') {
		return sendJson(res, 200, [...state.store.documents.values()].map(documentInfo));
	}
	if (first === 'documents' && entity && method === 'GET') {
		const doc = state.store.documents.get(entity);
		if (!doc) throw new ApiError(404, 910, `document ${entity} does not exist`);
		if (segments[2] === 'content') {
			if (!doc.bytes) throw new ApiError(404, 910, `document ${entity} has not been uploaded`);
			res.writeHead(200, { 'Content-Type': doc.contentType ?? 'application/octet-stream', 'Content-Length': doc.bytes.length });
			res.end(doc.bytes);
			return;
		}
		if (segments.length === 2) return sendJson(res, 200, documentInfo(doc));
	}
	if (route === 'GET /hooks') return sendJson(res, 200, [...state.store.hooks.values()]);
	throw new ApiError(404, 910, `No admin route ${route}`);
}

function documentInfo(doc: StoredDocument): Record<string, unknown> {
	const { bytes, uploadToken: _token, ...rest } = doc;
	return { ...rest, size: bytes?.length ?? 0, uploaded: bytes !== null };
}
