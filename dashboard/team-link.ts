// The invitation link's address in the dashboard, #/invitation/{token} (a fragment: browsers never
// send it to a server). Pure, so main.tsx can check it before asking who is signed in.

/** The invitation token of a #/invitation/{token} address, or null. */
export function invitationToken(hash: string): string | null {
  return /^#\/invitation\/([A-Za-z0-9_-]{43})$/.exec(hash)?.[1] ?? null;
}
