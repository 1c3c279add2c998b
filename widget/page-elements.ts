// The reader elements of a site's other pages, a chunk of their own: <palabre-count> in lists of
// stories and <palabre-featured> on a home page. A story's page, where the first comment matters,
// does not wait for them (embed.ts loads this chunk when a page has one of them).
export { PalabreCount } from "./palabre-count";
export { PalabreFeatured } from "./featured/palabre-featured";
