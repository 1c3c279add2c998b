// Akismet's comment check (POST /1.1/comment-check, a form): it answers "true" (spam) or "false",
// with `X-akismet-pro-tip: discard` for spam so blatant it need not be kept; anything else
// ("invalid" key, an error with X-akismet-debug-help) is no answer. Akismet requires the poster's
// IP: the site that turns it on sends readers' IPs and names to Akismet (say so in its privacy
// notice). AKISMET_URL points it elsewhere (the tests' local stub).
import { UNKNOWN_IP } from "../../lib/hash";
import { ScorerUnavailable, type ExternalProvider } from "./types";

export const AKISMET_URL = "https://rest.akismet.com";

export const SPAM_SCORE = 90;
export const DISCARD_SCORE = 100;

export const akismet: ExternalProvider = {
  name: "akismet",
  enabled: (rules) => rules.scoringAkismet,
  failClosed: (rules) => rules.scoringAkismetFailClosed,
  // An edit whose caller does not pass the IP is not checked again (the post was).
  applies: (input) => input.ip !== undefined,
  async score(input, env, signal) {
    if (!env.AKISMET_API_KEY) throw new ScorerUnavailable("AKISMET_API_KEY is not set");
    if (!input.ip || input.ip === UNKNOWN_IP) throw new ScorerUnavailable("Akismet needs the poster's IP");
    const form = new URLSearchParams({
      api_key: env.AKISMET_API_KEY,
      blog: input.site.allowedOrigins[0] ?? "",
      user_ip: input.ip,
      comment_type: "comment",
      comment_content: input.body,
      blog_lang: input.rules.defaultLocale,
      blog_charset: "UTF-8",
    });
    if (input.author) form.set("comment_author", input.author);
    if (input.permalink) form.set("permalink", input.permalink);
    const base = (env.AKISMET_URL || AKISMET_URL).replace(/\/+$/, "");
    const res = await fetch(`${base}/1.1/comment-check`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
      signal,
    });
    const answer = (await res.text()).trim();
    if (!res.ok || (answer !== "true" && answer !== "false")) {
      throw new ScorerUnavailable(`Akismet answered ${res.status} ${answer.slice(0, 40)}`);
    }
    if (answer === "false") return { provider: "akismet", value: 0, labels: [] };
    const discard = res.headers.get("X-akismet-pro-tip")?.toLowerCase() === "discard";
    return { provider: "akismet", value: discard ? DISCARD_SCORE : SPAM_SCORE, labels: discard ? ["spam", "spam:discard"] : ["spam"] };
  },
};
