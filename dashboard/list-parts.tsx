// The pieces every paged list of the dashboard shares: its load error with Retry, and "Load more".
import { useI18n } from "./i18n";

export function LoadFailed({ message, onRetry }: { message: string | null; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div class="error-box" role="alert">
      <p>{message}</p>
      <button type="button" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  );
}

export function LoadMore({ loading, onLoad }: { loading: boolean; onLoad: () => void }) {
  const { t } = useI18n();
  return (
    <p class="more">
      <button type="button" onClick={onLoad} disabled={loading}>
        {loading ? t.loadingMore : t.loadMore}
      </button>
    </p>
  );
}
