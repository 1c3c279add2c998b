// The staff API's calls for a person's data and a site's export (worker/routes/admin/gdpr.ts and
// export.ts): the erasure, and the downloads as plain links (the session cookie goes with them,
// and the browser saves the file the API names). Failures are ApiFailure, as elsewhere.
import type { ErrorResponse } from "../worker/schemas/views";
import { ApiFailure } from "./api";

/** DELETE /api/admin/sites/{site}/commenters/{id} → 200 (worker/services/gdpr-erase.ts ErasureResult) */
export interface ErasedCounts {
  erased: true;
  commenterId: number;
  /** their comments kept as "deleted" placeholders because someone else answers them */
  placeholders: number;
  /** their comments gone altogether */
  removed: number;
}

const ROOT = "/api/admin";
const site = (id: string) => `${ROOT}/sites/${encodeURIComponent(id)}`;

export const gdprApi = {
  personExportUrl: (siteId: string, commenterId: number) => `${site(siteId)}/commenters/${commenterId}/export`,
  siteExportUrl: (siteId: string, format: "json" | "csv") => `${site(siteId)}/export?format=${format}`,
  erase: async (siteId: string, commenterId: number): Promise<ErasedCounts> => {
    let res: Response;
    try {
      // Like every write of the dashboard: same origin (the API checks Origin), JSON content type.
      res = await fetch(`${site(siteId)}/commenters/${commenterId}`, {
        method: "DELETE",
        credentials: "same-origin",
        headers: { Accept: "application/json", "Content-Type": "application/json" },
      });
    } catch (err) {
      throw new ApiFailure("network", String(err));
    }
    const data = (await res.json().catch(() => null)) as ErasedCounts | ErrorResponse | null;
    if (res.ok && data) return data as ErasedCounts;
    const error = (data as ErrorResponse | null)?.error;
    throw new ApiFailure(
      error?.code ?? (res.status === 401 ? "unauthenticated" : "unknown"),
      error?.message ?? `HTTP ${res.status}`,
      res.status,
      error?.issues,
    );
  },
};
