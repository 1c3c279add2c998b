// After the word lists: automatic scoring (scoring/, scored before the pipeline runs). At or above the site's
// nudge threshold the author is first asked to reconsider, as the charter's words do (422
// charter_violation, naming the listed words found if any; sending it again with confirm goes
// on); at or above the hold threshold the comment waits for a moderator. A provider that could
// not answer and fails closed holds the comment too; one that fails open lets it through, noted in
// the stored labels ("openai:unavailable").
import { holdFor, type Phase } from "./types";

export const scoring: Phase = ({ scoring: outcome, rules, confirm }) => {
  if (!outcome) return null;
  const { score, words, unavailable } = outcome;
  const value = score?.value ?? 0;
  const nudge = rules.scoreNudgeThreshold;
  const hold = rules.scoreHoldThreshold;
  if (score && nudge > 0 && value >= nudge && !confirm) {
    return {
      outcome: "refuse",
      status: 422,
      code: "charter_violation",
      message: "This comment may break the site's charter. Please reread it, or send it again to confirm.",
      details: { words, charter: rules.charter },
    };
  }
  if (score && hold > 0 && value >= hold) {
    const found = score.labels.filter((l) => !l.endsWith(":unavailable"));
    const detail = `score ${value} (${score.provider})${found.length ? `: ${found.join(", ")}` : ""}${words.length ? ` [${words.join(", ")}]` : ""}`;
    return holdFor({ code: "scoring", detail });
  }
  const closed = unavailable.filter((u) => u.failClosed).map((u) => u.provider);
  if (closed.length) return holdFor({ code: "scoring", detail: `unavailable: ${closed.join(", ")}` });
  return null;
};
