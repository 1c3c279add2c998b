// The reader elements' shared style sheet (built from styles/reader.css, minified at build time).
import { sheet } from "./element";
import readerCss from "./styles/reader.css";

export const readerStyles = sheet(readerCss);
