// The bridge's admin API (simulator only) for tests: it is mounted only when startBridge gets its
// own key, and answers only with that key in X-Admin-Key. One key and one client for every suite.
import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios';
import type { RunningService } from '../../bridge/src';

export const BRIDGE_ADMIN = { apiKey: 'test-bridge-admin-key' } as const;

/** axios for `<bridge>/__admin` with the admin key. */
export function bridgeAdminHttp(bridge: Pick<RunningService, 'admin'>, options: CreateAxiosDefaults = {}): AxiosInstance {
	if (!bridge.admin) throw new Error('This bridge was started without the admin API (startBridge({ admin: BRIDGE_ADMIN }))');
	return axios.create({ ...options, baseURL: bridge.admin.url, headers: { ...bridge.admin.headers, ...(options.headers as Record<string, string> | undefined) } });
}
