import { pageCount } from './Pagination';

/** Props of {@link HistoryPagination}. */
export interface HistoryPaginationProps {
  /** What is paged, for the navigation's accessible name ("Páginas de la conversación"). */
  readonly label: string;
  /** Prefix of the data-testids: `<prefix>-prev`, `<prefix>-next`, `<prefix>-page-info`. */
  readonly testId: string;
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
  readonly disabled?: boolean;
}

/**
 * "Anterior" / "Página X de Y" / "Siguiente" for one of the customer page's lists: several on one page,
 * so each has its own name and test hooks (the customers list's {@link Pagination} counts customers).
 */
export function HistoryPagination({ label, testId, page, pageSize, total, onPage, disabled = false }: HistoryPaginationProps) {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={disabled || page <= 1} data-testid={`${testId}-prev`}>
        Anterior
      </button>
      <span data-testid={`${testId}-page-info`}>
        Página {page} de {pages}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={disabled || page >= pages} data-testid={`${testId}-next`}>
        Siguiente
      </button>
    </nav>
  );
}
