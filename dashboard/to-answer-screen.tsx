// To answer across all the member's sites, oldest first: each item names its site in its colour,
// and the inline answer box says which site it publishes on.
import type { StaffSiteView } from "../worker/schemas/admin-views";
import { api } from "./api";
import { useI18n } from "./i18n";
import { QueueList } from "./queue-list";
import type { QueueSource } from "./use-queue";

interface Props {
  sites: StaffSiteView[];
  staffName: string;
  announce: (text: string) => void;
  onFailure: (err: unknown) => void;
}

const source: QueueSource = {
  key: "all/to-answer",
  queue: "to-answer",
  first: (limit) => api.freshAllToAnswer(limit),
  page: (cursor, limit) => api.allToAnswer({ cursor, limit }),
};

export function AllToAnswerScreen({ sites, staffName, announce, onFailure }: Props) {
  const { t } = useI18n();
  return (
    <>
      <div class="screen-head">
        <h1>{t.allToAnswerHeading}</h1>
      </div>
      <div class="panel">
        <p class="help">{t.allToAnswerHelp}</p>
        <QueueList
          key={source.key}
          source={source}
          queue="to-answer"
          showSite
          sites={sites}
          staffName={staffName}
          announce={announce}
          onFailure={onFailure}
        />
      </div>
    </>
  );
}
