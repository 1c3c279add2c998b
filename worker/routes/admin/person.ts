// A person: GET /api/admin/sites/{site}/commenters/{id}, their notes and "always pre-moderate"; and a
// comment's edit history (…/comments/{id}/revisions).
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody, parseOrThrow, queryParams } from "../../lib/validate";
import { commentIdParam, commenterIdParam, noteBody, pageQuery } from "../../schemas/admin";
import { addNote, readPerson, setPersonPremoderation } from "../../services/admin/person";
import { readRevisions } from "../../services/admin/revisions";

export const personRoutes = new Hono<AdminEnv>()
  .get("/commenters/:id", queryParams(pageQuery), async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    return c.json(await readPerson(c.env.DB, c.var.site, id, c.req.valid("query"), Date.now()), 200);
  })
  .post("/commenters/:id/notes", limitBody, jsonBody(noteBody), async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    return c.json(await addNote(c.env.DB, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now()), 201);
  })
  .put("/commenters/:id/premoderation", async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    return c.json(await setPersonPremoderation(c.env.DB, c.var.site, c.var.staff, id, true, Date.now()), 200);
  })
  .delete("/commenters/:id/premoderation", async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    return c.json(await setPersonPremoderation(c.env.DB, c.var.site, c.var.staff, id, false, Date.now()), 200);
  })
  .get("/comments/:id/revisions", async (c) => {
    const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
    return c.json(await readRevisions(c.env.DB, c.var.site, id), 200);
  });
