// A typed client of the simulator's admin API (README "Admin API") for tests, benchmarks and the
// stack. Edits through it are stamped with the UI user, never the sync's API user.
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

export interface RouteCounters {
	total: number;
	writes: number;
	byRoute: Array<{ method: string; route: string; status: number; count: number }>;
}

export type ForceManagerAdmin = ReturnType<typeof forceManagerAdminClient>;

export function forceManagerAdminClient(origin: string, defaultSeed: 'demo' | 'empty' = 'demo') {
	const http = axios.create({ baseURL: `${origin}/__admin` });
	return {
		reset: async (seed: 'demo' | 'empty' = defaultSeed) => (await http.post('/reset', { seed })).data as IDataObject,
		seed: async (payload: IDataObject) => (await http.post('/seed', payload)).data as { ids: Record<string, number[]> },
		records: async (entity: string) => (await http.get(`/records/${entity}`)).data as IDataObject[],
		record: async (entity: string, id: number) => (await http.get(`/records/${entity}/${id}`)).data as IDataObject,
		uiCreate: async (entity: string, body: IDataObject) =>
			(await http.post(`/records/${entity}`, body)).data as { id: number; record: IDataObject },
		uiUpdate: async (entity: string, id: number, body: IDataObject) =>
			(await http.patch(`/records/${entity}/${id}`, body)).data as IDataObject,
		uiDelete: async (entity: string, id: number) => (await http.delete(`/records/${entity}/${id}`)).data as IDataObject,
		counters: async () => (await http.get('/counters')).data as RouteCounters,
		resetCounters: async () => (await http.post('/counters/reset')).data as IDataObject,
		fault: async (fault: IDataObject) => (await http.post('/faults', fault)).data as IDataObject,
		clearFaults: async () => (await http.delete('/faults')).data as IDataObject,
		expireSessions: async () => (await http.post('/sessions/expire')).data as IDataObject,
		config: async (body: IDataObject) => (await http.post('/config', body)).data as IDataObject,
		clock: async (body: IDataObject) => (await http.post('/clock', body)).data as IDataObject,
		documents: async () => (await http.get('/documents')).data as IDataObject[],
	};
}
