/** Props of {@link Pagination}. */
export interface PaginationProps {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
  readonly disabled?: boolean;
}

/** The number of pages for `total` items (at least one). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** "Anterior" / "Página X de Y" / "Siguiente", and the total. */
export function Pagination({ page, pageSize, total, onPage, disabled = false }: PaginationProps) {
  const pages = pageCount(total, pageSize);
  return (
    <nav className="pagination" aria-label="Paginación">
      <button type="button" onClick={() => onPage(page - 1)} disabled={disabled || page <= 1} data-testid="page-prev">
        Anterior
      </button>
      <span data-testid="page-info">
        Página {page} de {pages}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={disabled || page >= pages} data-testid="page-next">
        Siguiente
      </button>
      <span className="muted" data-testid="customers-total">
        {total === 1 ? '1 cliente' : `${total.toLocaleString('es')} clientes`}
      </span>
    </nav>
  );
}
