// Who is asked to pass the bot check, as the worker decides it (worker/services/bot-check.ts and the
// routes that call it): pure, so that it is tested apart from the widget (test/widget/bot-rule.test.ts).

/**
 * What a write is: a post ("post": every guest's is checked), a report or like ("act": only from a
 * reader with neither a reader token nor a sign-in), or a notice ("any": open to anyone, so every
 * one is checked, signed in or not).
 */
export type Guarded = "post" | "act" | "any";

export const botCheckNeeded = (kind: Guarded, on: boolean, signedIn: boolean, hasToken: boolean): boolean =>
  on && (kind === "any" || (!signedIn && (kind === "post" || !hasToken)));
