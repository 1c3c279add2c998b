// One tick of the alert rules (every 5 minutes, from the Cron Trigger). Built in issue 9.
import type { Env } from "../../env";

export async function runAlertTick(_env: Env, _now: number): Promise<void> {}
