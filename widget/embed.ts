// The embed entry point (dist/public/embed.js): defines Palabre's reader elements on the page.
export { PalabreComments } from "./palabre-comments";
export { PalabreCount } from "./palabre-count";
export { PalabreFeatured } from "./palabre-featured";
