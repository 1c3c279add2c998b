// The invitation mail, in the site's language. The link's token is in the URL's fragment (after
// #), which browsers never send to a server, so it cannot end up in an access log.
import type { StaffRole } from "../../schemas/admin-views";

export interface InvitationMail {
  subject: string;
  text: string;
}

const ROLE = {
  en: { admin: "an administrator", moderator: "a moderator" },
  fr: { admin: "administratrice ou administrateur", moderator: "modératrice ou modérateur" },
} as const;

export function invitationLink(palabreUrl: string, token: string): string {
  return `${palabreUrl.replace(/\/+$/, "")}/admin/#/invitation/${token}`;
}

export function invitationMail(
  lang: "fr" | "en",
  m: { siteName: string; inviter: string; role: StaffRole; link: string; expiresAt: number },
): InvitationMail {
  const until = new Date(m.expiresAt).toISOString().slice(0, 16).replace("T", " ");
  if (lang === "fr") {
    return {
      subject: `Invitation à modérer ${m.siteName}`,
      text:
        `${m.inviter} vous invite à rejoindre l’équipe de ${m.siteName} sur Palabre, en tant que ${ROLE.fr[m.role]}.\n\n` +
        `Pour accepter, ouvrez ce lien et choisissez votre mot de passe :\n${m.link}\n\n` +
        `Ce lien ne sert qu’une fois et expire le ${until} UTC. Si vous aviez déjà un compte, le mot de passe choisi remplace l’ancien.\n` +
        `Si vous n’attendiez pas cette invitation, ignorez ce message.`,
    };
  }
  return {
    subject: `Invitation to moderate ${m.siteName}`,
    text:
      `${m.inviter} invites you to join the team of ${m.siteName} on Palabre, as ${ROLE.en[m.role]}.\n\n` +
      `To accept, open this link and choose your password:\n${m.link}\n\n` +
      `The link works once and expires on ${until} UTC. If you already have an account, the password you choose replaces the old one.\n` +
      `If you did not expect this invitation, ignore this message.`,
  };
}
