// Phase 9a: a person staff chose to pre-moderate: each of their new comments and edits is held,
// whatever the site or the story says (readers get the usual "read before publication" message).
import { holdFor, type Phase } from "./types";

export const authorPremoderation: Phase = ({ author }) =>
  author?.premoderate ? holdFor({ code: "premoderation", detail: "author" }) : null;
