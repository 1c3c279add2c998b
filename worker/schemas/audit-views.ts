// The audit log as the staff API answers it (GET /api/admin/sites/{site}/audit).

/** What the audit log records (the audit filter's choices). */
export type AuditAction =
  | "approve"
  | "reject"
  | "hide"
  | "feature"
  | "unfeature"
  | "ban"
  | "unban"
  | "note"
  | "premoderate"
  | "unpremoderate"
  | "reply"
  | "dismiss_answer"
  | "story"
  | "settings"
  | "template_create"
  | "template_update"
  | "template_delete"
  | "acknowledge"
  | "alert_mail"
  | "delivery_retry"
  | "appeal_decision"
  | "notice_decision"
  | "erase" // a person erased (GDPR Art. 17, issue 12)
  // sites and teams (issue 12)
  | "site_create"
  | "site_update"
  | "invite"
  | "invitation_revoke"
  | "invitation_accept"
  | "role_change"
  | "member_remove"
  | "password_change";

export interface AuditEntry {
  id: number;
  at: string;
  staff: { id: number; name: string } | null;
  action: string;
  target: { type: "comment" | "commenter" | "site" | "story" | "template" | "incident" | "delivery"; id: string };
  detail: Record<string, unknown>;
  /** for a comment: an excerpt, its author and its story; for a commenter: their name */
  comment?: {
    excerpt: string;
    author: { id: number; name: string };
    story: { key: string; title: string | null; url: string | null };
  } | null;
  commenter?: { id: number; name: string } | null;
}

/** GET /api/admin/sites/{site}/audit?cursor=C&action=A&staff=ID&from=ISO&to=ISO (&format=csv) */
export interface AuditResponse {
  entries: AuditEntry[];
  nextCursor: string | null;
}
