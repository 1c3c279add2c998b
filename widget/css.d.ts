// Lets widget modules import their styles: scripts/build-widget.mjs turns a .css file into its
// minified text, the default export.
declare module "*.css" {
  const text: string;
  export default text;
}
