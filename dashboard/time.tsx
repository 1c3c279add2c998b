// A moment as staff read it: "3 minutes ago", with the full date on hover and for machines.
import { relativeTime } from "../common/time";
import { useI18n } from "./i18n";

export function Time({ iso }: { iso: string }) {
  const { relative, full } = useI18n();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={full.format(date)}>
      {relativeTime(iso, Date.now(), relative)}
    </time>
  );
}
