// A site's time to first staff answer, above its To answer queue: median and 90th percentile over
// 7 and 30 days, as plain sentences ("médiane 2 h 10, 90 % sous 9 h (7 jours)").
import { useEffect, useState } from "preact/hooks";
import type { AnswerTimes, AnswerTimesResponse } from "../worker/schemas/admin-views";
import { api } from "./api";
import { useI18n } from "./i18n";
import { usePoll } from "./use-poll";

export function AnswerTimesSummary({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const [times, setTimes] = useState<AnswerTimesResponse | null>(null);

  const load = async () => {
    const { data, changed } = await api.answerTimes(siteId);
    if (changed) setTimes(data);
  };
  useEffect(() => {
    setTimes(null);
    // Figures are a help, not the work: without them the queue works the same.
    load().catch(() => undefined);
  }, [siteId]);
  usePoll(load, true, siteId);

  if (!times) return null;
  const line = (p: AnswerTimes) => (
    <li key={p.days}>
      {p.medianSeconds === null || p.p90Seconds === null
        ? t.answerTimesNone(p.days)
        : t.answerTimes(t.duration(p.medianSeconds), t.duration(p.p90Seconds), p.days)}{" "}
      <span class="muted">({t.answerTimesCounts(p.answered, p.waiting)})</span>
    </li>
  );
  return (
    <section class="answer-times" aria-label={t.answerTimesHeading}>
      <ul>
        {line(times.last7)}
        {line(times.last30)}
      </ul>
    </section>
  );
}
