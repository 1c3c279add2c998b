// Request schemas of the DSA parts (issue 11): the ground and explanation of a decision, an
// author's appeal, and a moderator's decision on an appeal.
import { z } from "zod";
import { clauseNumber, isLegalGround, TERMS_CHARTER } from "../../common/dsa/grounds";
import { codePointLength } from "../../common/text/rules";
import { rowId } from "./reader";
import { boundedText, storableText } from "./text";

export const EXPLANATION_MAX = 1000;
export const APPEAL_BODY_MIN = 10;
export const APPEAL_BODY_MAX = 2000;

/**
 * A ground a decision rests on: a legal ground code, "charter", or "clause:N". Whether clause N
 * exists is the site's to say (services/dsa/statements.ts moderatorGround).
 */
export const groundField = z
  .string({ error: 'ground must be a legal ground, "charter" or "clause:N"' })
  .refine((g) => isLegalGround(g) || g === TERMS_CHARTER || clauseNumber(g) !== null, {
    message: 'ground must be a legal ground, "charter" or "clause:N"',
    params: { reason: "ground" },
  });

/** A moderator's words to the author; empty is none. */
export const explanationField = boundedText("explanation", EXPLANATION_MAX, "multiline").transform((s) => s || null);

export const appealBody = z.object({
  body: storableText("body", "multiline", "body is required")
    .refine((s) => codePointLength(s) >= APPEAL_BODY_MIN, {
      message: `body must be at least ${APPEAL_BODY_MIN} characters`,
      params: { reason: "too_short" },
    })
    .refine((s) => codePointLength(s) <= APPEAL_BODY_MAX, {
      message: `body is longer than ${APPEAL_BODY_MAX} characters`,
      params: { reason: "too_long" },
    }),
});

export const appealDecisionBody = z.object({
  outcome: z.enum(["uphold", "reverse"], { error: "outcome must be uphold or reverse" }),
  explanation: explanationField.nullish(),
});

export const appealIdParam = z.object({ id: rowId("appeal") });

export type AppealInput = z.output<typeof appealBody>;
export type AppealDecisionInput = z.output<typeof appealDecisionBody>;
