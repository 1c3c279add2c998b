// The embed entry point (dist/public/embed.js): defines Palabre's reader elements on the page. What
// the first comment needs is imported here; the rest (forms, each language, the elements of other
// pages) loads when used.
import { idle } from "./idle";

export { PalabreComments } from "./comments/palabre-comments";

// <palabre-count> and <palabre-featured>: at once when the page has one, else once the browser is
// idle, so that one added later (a page that renders its lists itself) is still defined.
const others = () => void import("./page-elements");
const wanted = () => !!document.querySelector("palabre-count,palabre-featured");
if (document.readyState !== "loading") wanted() ? others() : idle(others);
else document.addEventListener("DOMContentLoaded", () => (wanted() ? others() : idle(others)));
