// The Hono app: the reader API under /api/v1/{site}, the staff API under /api/admin, then static files.
import { Hono } from "hono";
import type { AppEnv } from "./env";
import { ApiError, errorBody, handleError } from "./lib/errors";
import { siteDatabase, siteDatabasePrimary } from "./lib/site-home";
import { requestId } from "./lib/request-id";
import { countWrites } from "./lib/write-epoch";
import { securityHeaders } from "./lib/security-headers";
import { siteScope } from "./lib/site-scope";
import { threadRoutes } from "./routes/threads";
import { commentRoutes } from "./routes/comments";
import { reportRoutes } from "./routes/reports";
import { appealRoutes } from "./routes/appeals";
import { noticeRoutes } from "./routes/notices";
import { featuredRoutes } from "./routes/featured";
import { liveRoutes } from "./routes/live";
import { staticRoutes } from "./routes/static";
import { adminApi } from "./routes/admin";
import { mailLinkRoutes, subscriptionRoutes } from "./routes/subscriptions";
import { meMailLinkRoutes, meRoutes } from "./routes/me";

const readerApi = new Hono<AppEnv>()
  // First: the whole request, the site's own row included, runs in the site's database (the registry
  // says which), through one D1 session (replicas).
  .use("*", siteDatabase)
  .use("*", siteScope)
  .route("/", threadRoutes)
  .route("/", commentRoutes)
  .route("/", reportRoutes)
  .route("/", appealRoutes)
  .route("/", noticeRoutes)
  .route("/", featuredRoutes)
  .route("/", subscriptionRoutes)
  .route("/", meRoutes)
  .route("/", liveRoutes);

export const app = new Hono<AppEnv>()
  // Before all: every error body and log line below carries the request's id.
  .use("*", requestId)
  // Then, so that it also marks the answers of every route below, refusals included.
  .use("*", securityHeaders)
  // Every write, whatever its route, makes the isolate's copies of pages taken before it unusable.
  .use("*", countWrites)
  // Before the reader API: the mails' links come without a site origin (see routes/subscriptions).
  .use("/api/v1/:site/subscriptions/*", siteDatabasePrimary)
  .use("/api/v1/:site/me/erasure", siteDatabasePrimary)
  .route("/api/v1/:site/subscriptions", mailLinkRoutes)
  .route("/api/v1/:site/me/erasure", meMailLinkRoutes)
  .route("/api/v1/:site", readerApi)
  .route("/api/admin", adminApi)
  .all("/api/*", () => {
    throw new ApiError(404, "not_found", "There is no such API endpoint.");
  })
  .route("/", staticRoutes);

app.onError(handleError);
app.notFound((c) => c.json(errorBody("not_found", "There is no such API endpoint."), 404));

export type AppType = typeof app;
