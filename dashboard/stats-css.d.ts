// esbuild loads .css files as text (build:dashboard's --loader:.css=text): the stats chunk injects uPlot's styles itself.
declare module "*.css" {
  const text: string;
  export default text;
}
