// Tenant isolation across databases (issue 14): the same suite as isolation.security.test.ts, with
// site B in DB_2 while A is in the registry's DB, then the other way round.
import { describe } from "vitest";
import { isolationSuite } from "./isolation-suite";

describe("A in DB, B in DB_2", () => isolationSuite("DB", "DB_2"));
describe("A in DB_2, B in DB", () => isolationSuite("DB_2", "DB"));
