// The staff API under /api/admin: CSRF refusal on every write, then the session routes and, per
// site, the routes that need a role on that site.
import { Hono } from "hono";
import { csrf, requireSiteRole, requireStaff, type AdminEnv } from "../../auth/middleware";
import { ApiError } from "../../lib/errors";
import { alertRoutes } from "./alerts";
import { outboxRoutes } from "./outbox";
import { auditRoutes } from "./audit";
import { banRoutes } from "./bans";
import { featuringRoutes } from "./featuring";
import { moderationRoutes } from "./moderation";
import { appealDecisionRoutes } from "./appeals";
import { noticeDecisionRoutes } from "./notices";
import { transparencyRoutes } from "./transparency";
import { personRoutes } from "./person";
import { exportRoutes } from "./export";
import { gdprRoutes } from "./gdpr";
import { queueRoutes } from "./queues";
import { replyRoutes } from "./replies";
import { sessionRoutes } from "./session";
import { settingsRoutes } from "./settings";
import { crossSiteStatsRoutes, statsRoutes } from "./stats";
import { storyRoutes } from "./stories";
import { conditionalReads } from "./conditional-reads";
import { overviewRoutes } from "./overview";
import { replyTemplateRoutes } from "./reply-templates";
import { crossSiteQueueRoutes, toAnswerRoutes } from "./to-answer";
import { accountRoutes, invitationRoutes, teamRoutes, teamSitesRoutes } from "./teams";

const siteApi = new Hono<AdminEnv>()
  .use("*", requireStaff, requireSiteRole("moderator"))
  .route("/", queueRoutes)
  .route("/", toAnswerRoutes)
  .route("/", replyTemplateRoutes)
  .route("/", moderationRoutes)
  .route("/", appealDecisionRoutes)
  .route("/", noticeDecisionRoutes)
  .route("/", transparencyRoutes)
  .route("/", featuringRoutes)
  .route("/", banRoutes)
  .route("/", personRoutes)
  .route("/", exportRoutes)
  .route("/", gdprRoutes)
  .route("/", replyRoutes)
  .route("/", storyRoutes)
  .route("/", auditRoutes)
  .route("/", settingsRoutes)
  .route("/", statsRoutes)
  .route("/", alertRoutes)
  .route("/", outboxRoutes)
  .route("/", teamRoutes);

export const adminApi = new Hono<AdminEnv>()
  .use("*", csrf, conditionalReads)
  .route("/session", sessionRoutes)
  .route("/overview", overviewRoutes)
  .route("/queues", crossSiteQueueRoutes)
  .route("/stats", crossSiteStatsRoutes)
  .route("/sites", teamSitesRoutes)
  .route("/invitations", invitationRoutes)
  .route("/account", accountRoutes)
  .route("/sites/:site", siteApi)
  .all("*", () => {
    throw new ApiError(404, "not_found", "There is no such API endpoint.");
  });
