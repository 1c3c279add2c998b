// The open incidents of every site of the member, and the current site's failed deliveries: loaded
// by the shell, refreshed with the other live figures (conditional GETs, so an idle poll costs a
// 304), shared by the home and the header so that an alert shows wherever staff are.
import { useEffect, useRef, useState } from "preact/hooks";
import type { IncidentView } from "../worker/schemas/alert-views";
import type { StaffSiteView } from "../worker/schemas/admin-views";
import { api, ApiFailure } from "./api";
import { usePoll } from "./use-poll";

export interface SiteIncident {
  site: StaffSiteView;
  incident: IncidentView;
}

export interface Alerts {
  /** open incidents per site id (acknowledged ones included, until they resolve); absent until loaded */
  bySite: Record<string, IncidentView[]>;
  /** the last load's failure, as a code; null when it worked */
  failed: string | null;
  /** failed deliveries of the current site (the header's badge) */
  failedDeliveries: number;
  reload: () => Promise<void>;
  acknowledge: (siteId: string, id: number) => Promise<IncidentView>;
}

/** Open and not yet acknowledged: what must not be missed. */
export const unacknowledged = (list: IncidentView[] | undefined) => (list ?? []).filter((i) => !i.acknowledgedAt);

export function useAlerts(sites: StaffSiteView[], current: StaffSiteView | null, onUnauthorized: (err: unknown) => void): Alerts {
  const [bySite, setBySite] = useState<Record<string, IncidentView[]>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [failedDeliveries, setFailedDeliveries] = useState(0);
  const ids = sites.map((s) => s.id).join(",");
  const shownSite = useRef(current?.id);
  shownSite.current = current?.id;

  const load = async () => {
    const results = await Promise.allSettled(sites.map((s) => api.alerts(s.id, "open")));
    let problem: string | null = null;
    const next: Record<string, IncidentView[]> = {};
    results.forEach((r, i) => {
      if (r.status === "fulfilled") next[sites[i]!.id] = r.value.data.incidents;
      else if (r.reason instanceof ApiFailure && r.reason.status === 401) onUnauthorized(r.reason);
      else problem = r.reason instanceof ApiFailure ? r.reason.code : "unknown";
    });
    setBySite((before) => ({ ...before, ...next }));
    setFailed(problem);
  };

  const loadFailed = async () => {
    if (!current) return;
    const siteId = current.id;
    try {
      const { data } = await api.freshOutboxFailed(siteId);
      // A late answer for the site just left is that site's: never on the next one's badge.
      if (siteId !== shownSite.current) return;
      setFailedDeliveries(data.failedCount);
    } catch {
      // The badge is a hint: the outbox screen says why it cannot load.
    }
  };

  useEffect(() => void load(), [ids]);
  useEffect(() => {
    setFailedDeliveries(0);
    void loadFailed();
  }, [current?.id]);
  usePoll(() => Promise.all([load(), loadFailed()]), sites.length > 0, `${ids}|${current?.id ?? ""}`);

  const acknowledge = async (siteId: string, id: number) => {
    const incident = await api.acknowledge(siteId, id);
    setBySite((before) => ({
      ...before,
      [siteId]: (before[siteId] ?? []).map((i) => (i.id === id ? { ...i, ...incident } : i)).filter((i) => i.status === "open"),
    }));
    return incident;
  };

  const reload = async () => void (await Promise.all([load(), loadFailed()]));

  return { bySite, failed, failedDeliveries, reload, acknowledge };
}
