// Site isolation across databases (issue 14): the same suite as isolation.security.test.ts, with
// the band in DB_2 while the journal is in the registry's DB, then the other way round.
import { describe } from "vitest";
import { isolationSuite } from "./isolation-suite";

describe("journal in DB, band in DB_2", () => isolationSuite("DB", "DB_2"));
describe("journal in DB_2, band in DB", () => isolationSuite("DB_2", "DB"));
