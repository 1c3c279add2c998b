// The team screens' strings: the same keys in both languages, every team refusal explained in
// each, French typography, and the invitation link's token read only in its exact shape.
import { describe, expect, it } from "vitest";
import { enTeam } from "../../../dashboard/locales/en-team";
import { frTeam } from "../../../dashboard/locales/fr-team";
import { invitationToken } from "../../../dashboard/team-link";
import { invitationLink } from "../../../worker/services/admin/teams-mail";

const TEAM_CODES = [
  "site_exists",
  "member_not_found",
  "last_admin",
  "too_many_invitations",
  "invitation_invalid",
  "invitation_expired",
  "invitation_used",
  "invalid_credentials",
];

function texts(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") return [String((value as (...a: string[]) => string)("X", "Y"))];
  if (value && typeof value === "object") return Object.values(value).flatMap(texts);
  return [];
}

describe("the team strings", () => {
  it("have the same keys in French and English, and explain every team refusal in both", () => {
    expect(Object.keys(frTeam).sort()).toEqual(Object.keys(enTeam).sort());
    for (const code of TEAM_CODES) {
      expect(enTeam.errors[code], code).toBeTruthy();
      expect(frTeam.errors[code], code).toBeTruthy();
    }
  });

  it("follow French typography", () => {
    for (const text of texts(frTeam)) {
      expect(text, text).not.toContain("'");
      expect(text, text).not.toMatch(/(^|[^\u00a0\u202f])[;:!?](\s|$)/);
    }
  });
});

describe("the invitation link", () => {
  it("is read back from the dashboard's address, and nothing else is", () => {
    const token = `${"a".repeat(21)}_-${"B".repeat(20)}`;
    const link = invitationLink("https://palabre.example/", token);
    expect(link).toBe(`https://palabre.example/admin/#/invitation/${token}`);
    expect(invitationToken(new URL(link).hash)).toBe(token);
    expect(invitationToken("#/invitation/short")).toBeNull();
    expect(invitationToken(`#/invitation/${token}/x`)).toBeNull();
    expect(invitationToken("#/demo-journal/queues/pending")).toBeNull();
  });
});
