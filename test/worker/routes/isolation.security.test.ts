// Site isolation, both sites in the same database (the suite: isolation-suite.ts).
import { isolationSuite } from "./isolation-suite";

isolationSuite("DB", "DB");
