// The embed entry point (dist/public/embed.js): defines Palabre's reader elements on the page. What
// the first comment needs is imported here; the rest (forms, each language) loads when used.
export { PalabreComments } from "./comments/palabre-comments";
export { PalabreCount } from "./palabre-count";
export { PalabreFeatured } from "./featured/palabre-featured";
