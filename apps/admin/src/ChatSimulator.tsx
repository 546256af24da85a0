import type { CustomerWithCalendar } from '@agendo/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useApi } from './ApiContext';
import { ApiError } from './api-client';
import { CustomerPicker } from './CustomerPicker';
import { useRouter } from './Router';

/** One bubble of a simulated conversation. */
export interface ChatMessage {
  readonly id: number;
  readonly from: 'customer' | 'assistant';
  readonly text: string;
}

/**
 * `/probar` — "Probar asistente": pick a customer (or come with `?cliente=<id>`) and chat as them,
 * WhatsApp-style, through `POST /api/admin/chat`. Each customer's conversation is kept while on the page.
 */
export function ChatSimulator() {
  const api = useApi();
  const { search, navigate } = useRouter();
  const wanted = new URLSearchParams(search).get('cliente');
  const [customer, setCustomer] = useState<CustomerWithCalendar | null>(null);
  const [conversations, setConversations] = useState<Readonly<Record<string, readonly ChatMessage[]>>>({});
  const [waiting, setWaiting] = useState<Readonly<Record<string, number>>>({});
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const messageId = useId();
  const seq = useRef(0);
  const queues = useRef(new Map<string, Promise<void>>());
  const listRef = useRef<HTMLOListElement>(null);

  // `?cliente=<id>`: load that customer.
  useEffect(() => {
    if (!wanted || wanted === customer?.customer_id) return;
    let live = true;
    api.getCustomer(wanted).then(
      (c) => {
        if (!live) return;
        setCustomer(c);
        setError(null);
      },
      (err: unknown) => live && setError(err instanceof ApiError ? err.message : `No se pudo cargar el cliente «${wanted}».`),
    );
    return () => {
      live = false;
    };
  }, [api, wanted, customer?.customer_id]);

  const current = customer ? (conversations[customer.customer_id] ?? []) : [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the end whenever a message is added
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [current.length]);

  const select = (c: CustomerWithCalendar) => {
    setCustomer(c);
    setError(null);
    navigate(`/probar?cliente=${encodeURIComponent(c.customer_id)}`, { replace: true });
  };

  const append = (customerId: string, from: ChatMessage['from'], messageText: string) =>
    setConversations((all) => ({ ...all, [customerId]: [...(all[customerId] ?? []), { id: ++seq.current, from, text: messageText }] }));

  const send = (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!customer || message === '') return;
    const customerId = customer.customer_id;
    setText('');
    setError(null);
    append(customerId, 'customer', message);
    setWaiting((w) => ({ ...w, [customerId]: (w[customerId] ?? 0) + 1 }));
    // One message at a time per customer, so the replies come back in the order they were sent.
    const previous = queues.current.get(customerId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const replies = await api.chat(customerId, message);
        for (const reply of replies) append(customerId, 'assistant', reply);
      } catch (err) {
        setError(`No se pudo enviar «${message}»: ${err instanceof ApiError ? err.message : 'error inesperado.'}`);
      } finally {
        setWaiting((w) => ({ ...w, [customerId]: Math.max(0, (w[customerId] ?? 1) - 1) }));
      }
    });
    queues.current.set(customerId, next);
  };

  const typing = customer ? (waiting[customer.customer_id] ?? 0) > 0 : false;

  return (
    <section className="simulator" aria-labelledby="simulator-title">
      <h1 id="simulator-title">Probar asistente</h1>
      <p className="muted">Escribe como si fueras el cliente por WhatsApp; el asistente responde con el mismo motor que en WhatsApp y usa su calendario de verdad.</p>
      <CustomerPicker selected={customer} onSelect={select} />
      <div role="alert" className="error-text" data-testid="chat-error">
        {error}
      </div>
      {customer ? (
        <div className="chat" data-testid="chat">
          <div className="chat-header">
            <strong>{customer.name ?? customer.customer_id}</strong>
            <span className="muted">
              {' '}
              {customer.customer_id}
              {customer.phone ? ` · +${customer.phone}` : ''}
              {customer.calendar ? (customer.calendar.status === 'connected' ? ' · calendario conectado' : ' · calendario sin conectar') : ''}
            </span>
          </div>
          <ol ref={listRef} className="chat-messages" aria-live="polite" aria-label="Conversación" data-testid="chat-messages">
            {current.length === 0 ? <li className="chat-empty">Escribe un mensaje para empezar, por ejemplo «Hola, quiero una cita mañana a las 10».</li> : null}
            {current.map((m) => (
              <li key={m.id} className={`bubble bubble-${m.from}`} data-testid={`message-${m.from}`}>
                <span className="visually-hidden">{m.from === 'customer' ? 'Cliente: ' : 'Asistente: '}</span>
                {m.text}
              </li>
            ))}
          </ol>
          {typing ? (
            <p className="typing" role="status">
              El asistente está escribiendo…
            </p>
          ) : null}
          <form className="chat-input" onSubmit={send}>
            <label htmlFor={messageId}>Mensaje</label>
            <input id={messageId} type="text" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" maxLength={2000} data-testid="chat-input" />
            <button type="submit" className="primary" disabled={text.trim() === ''} data-testid="chat-send">
              Enviar
            </button>
          </form>
        </div>
      ) : (
        <p className="muted">Elige un cliente para empezar la conversación.</p>
      )}
    </section>
  );
}
