import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { Agent, request, type Dispatcher } from 'undici';
import type { ServiceTokenSigner } from '@simplebank/service-kit/service-token';

/** The downstream could not answer (network, timeout, 5xx, open breaker): counts against the breaker. */
export class DownstreamUnavailable extends Error {
  constructor(
    readonly service: string,
    message: string,
    /** When the caller may try again (the `Retry-After` of the 503): the breaker's half-open time. */
    readonly retryAfterSeconds = 1,
  ) {
    super(`${service}: ${message}`);
    this.name = 'DownstreamUnavailable';
  }
}

/** The downstream answered with a client error (4xx): a real answer, passed on to the caller. */
export class DownstreamRejected extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly body: { error?: string; message?: string; details?: unknown } | undefined,
  ) {
    super(`${service} answered ${status}: ${body?.message ?? body?.error ?? ''}`);
    this.name = 'DownstreamRejected';
  }
}

export interface CallContext {
  requestId: string;
  /** Epoch ms by which the whole request must be answered; each call gets what is left. */
  deadline: number;
  userId?: string;
  /** The user's roles, carried in the service token (services trust nothing else for them). */
  roles?: string[];
}

/** One HTTP exchange with a service, as the typed client (./typed-client.ts) prepared it. */
export interface OutgoingCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export interface CallOptions {
  /**
   * Safe to repeat: only these are retried. Defaults to GET and PUT, and to commands carrying an
   * idempotency key; a POST that is idempotent by nature (cancel, publish) says so.
   */
  idempotent?: boolean;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface ResilienceSettings {
  /** Attempts in all (first call included). */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  breakerThreshold: number;
  halfOpenAfterMs: number;
  /** While the breaker is not closed, the service's `health/ready` is asked this often. */
  readinessProbeMs: number;
}

/**
 * 3 attempts, backoff capped at 5 s, breaker after 5 consecutive failures of the service itself
 * (timeouts, connection errors, 5xx; never a 4xx, which is an answer), half-open after 1 s.
 *
 * Half-opening alone does not end a refusal when the service does: the breaker can (re)open at any
 * moment of an outage, up to its very end (a half-open trial that fails, often a page's background
 * refresh; or a busy machine reaching the fifth failure late), and then refuses every call until
 * its next trial. e2e/tests/service-outage.spec.ts saw an order refused a second after the service
 * came back. So while the breaker is open, the service's readiness is probed every 250 ms, and the
 * first ready answer closes the breaker: it outlives an outage by a probe, not by a half-open wait.
 */
export const DEFAULT_RESILIENCE: ResilienceSettings = {
  maxAttempts: 3,
  initialBackoffMs: 100,
  maxBackoffMs: 5000,
  breakerThreshold: 5,
  halfOpenAfterMs: 1000,
  readinessProbeMs: 250,
};

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * One downstream service over HTTP/JSON with cockatiel: a circuit breaker per service, retries with
 * exponential backoff and jitter for idempotent calls only, every attempt bounded by the request's
 * remaining deadline (sent on as `x-request-deadline`, epoch ms) and tagged with its request id.
 */
/** Told about every attempt, for metrics: how long it took and how it ended. */
export type CallObserver = (
  service: string,
  method: string,
  seconds: number,
  outcome: 'ok' | 'rejected' | 'unavailable',
) => void;

export class ServiceClient {
  readonly breaker: CircuitBreakerPolicy;
  private readonly settings: ResilienceSettings;
  private readonly failures: ConsecutiveBreaker;
  private probe: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly name: string,
    readonly baseUrl: string,
    /** Signs the short-lived token every call carries (audience: this service). */
    private readonly tokens: ServiceTokenSigner,
    settings: Partial<ResilienceSettings> = {},
    // undici's request API over a keep-alive pool: several times less overhead per call than fetch,
    // and the portfolio makes four calls per request.
    private readonly dispatcher: Dispatcher = new Agent({ keepAliveTimeout: 10_000 }),
    private readonly observe: CallObserver = () => undefined,
  ) {
    this.settings = { ...DEFAULT_RESILIENCE, ...settings };
    this.failures = new ConsecutiveBreaker(this.settings.breakerThreshold);
    this.breaker = circuitBreaker(
      handleWhen((err) => err instanceof DownstreamUnavailable),
      { halfOpenAfter: this.settings.halfOpenAfterMs, breaker: this.failures },
    );
    this.breaker.onBreak(() => this.probeReadiness());
  }

  /** Stops the readiness probe and closes the kept-alive connections. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probe);
    return this.dispatcher.close();
  }

  /**
   * While the breaker is not closed, asks the service's `health/ready` (outside the breaker, one
   * attempt) and closes the breaker on the first ready answer. A half-open trial in flight is left
   * to decide: if it fails, the breaker reopens and the next probe closes it.
   */
  private probeReadiness(): void {
    if (this.probe !== undefined || this.closed) return;
    const next = () => {
      this.probe = setTimeout(() => void ask(), this.settings.readinessProbeMs);
      this.probe.unref();
    };
    const ask = async () => {
      if (this.closed || this.state() === 'closed') {
        this.probe = undefined;
        return;
      }
      const ready = await this.once(
        { method: 'GET', url: new URL('health/ready', this.baseUrl), headers: {} },
        { requestId: 'breaker-probe', deadline: Date.now() + this.settings.readinessProbeMs * 4 },
      ).then(
        () => true,
        () => false,
      );
      if (ready && this.state() === 'open') {
        // cockatiel closes a breaker only through isolate() and its release.
        this.breaker.isolate().dispose();
        this.failures.success();
      }
      if (this.state() === 'closed') this.probe = undefined;
      else next();
    };
    next();
  }

  state(): BreakerState {
    return STATES[this.breaker.state];
  }

  /**
   * A `fetch` for openapi-fetch bound to one request's context: every exchange goes through the
   * breaker, the retries, the deadline and the service token, and a 4xx or 5xx throws
   * (DownstreamRejected, DownstreamUnavailable) instead of coming back as a response.
   */
  fetcher(ctx: CallContext, opts: CallOptions = {}): (request: Request) => Promise<Response> {
    return async (request) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key] = value;
      });
      const method = request.method.toUpperCase();
      const idempotent =
        opts.idempotent ?? (method === 'GET' || method === 'PUT' || headers['idempotency-key'] !== undefined);
      const body = request.body === null ? undefined : await request.text();
      const { status, text } = await this.send(
        { method, url: new URL(request.url), headers, ...(body === undefined ? {} : { body }) },
        ctx,
        idempotent,
      );
      return new Response(status === 204 ? null : text, {
        status,
        headers: { 'content-type': 'application/json' },
      });
    };
  }

  private async send(
    call: OutgoingCall,
    ctx: CallContext,
    idempotent: boolean,
  ): Promise<{ status: number; text: string }> {
    const attempt = () =>
      this.breaker.execute(async () => {
        const started = performance.now();
        try {
          const result = await this.once(call, ctx);
          this.observe(this.name, call.method, (performance.now() - started) / 1000, 'ok');
          return result;
        } catch (err) {
          this.observe(
            this.name,
            call.method,
            (performance.now() - started) / 1000,
            err instanceof DownstreamRejected ? 'rejected' : 'unavailable',
          );
          throw err;
        }
      });
    try {
      if (!idempotent || this.settings.maxAttempts <= 1) return await attempt();
      const policy = retry(
        // Never retry into an open breaker or past the deadline.
        handleWhen((err) => err instanceof DownstreamUnavailable && ctx.deadline - Date.now() > 0),
        {
          maxAttempts: this.settings.maxAttempts - 1,
          backoff: new ExponentialBackoff({
            initialDelay: this.settings.initialBackoffMs,
            maxDelay: this.settings.maxBackoffMs,
          }),
        },
      );
      return await policy.execute(attempt);
    } catch (err) {
      if (err instanceof BrokenCircuitError)
        throw new DownstreamUnavailable(
          this.name,
          'circuit open',
          Math.max(1, Math.ceil(this.settings.halfOpenAfterMs / 1000)),
        );
      throw err;
    }
  }

  private async once(call: OutgoingCall, ctx: CallContext): Promise<{ status: number; text: string }> {
    const remaining = ctx.deadline - Date.now();
    if (remaining <= 0) throw new DownstreamUnavailable(this.name, 'deadline exceeded');
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...call.headers,
      'x-request-id': ctx.requestId,
      'x-request-deadline': String(ctx.deadline),
      authorization: await this.tokens.header({
        audience: this.name,
        userId: ctx.userId ?? null,
        roles: ctx.roles ?? [],
        requestId: ctx.requestId,
      }),
    };
    // The deadline bounds the whole exchange, headers and body alike.
    const signal = AbortSignal.timeout(remaining);
    let status: number;
    let text: string;
    try {
      const res = await request(call.url, {
        method: call.method as Dispatcher.HttpMethod,
        headers,
        body: call.body,
        signal,
        dispatcher: this.dispatcher,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      const reason = signal.aborted
        ? `no answer within ${remaining} ms`
        : ((err as { code?: string }).code ?? (err as Error).message);
      throw new DownstreamUnavailable(this.name, reason);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new DownstreamUnavailable(this.name, `non-JSON answer (${status})`);
    }
    if (status >= 500) throw new DownstreamUnavailable(this.name, `HTTP ${status}`);
    // The service refused our own token: a configuration fault (keys), never the user's doing.
    if (status === 401) throw new DownstreamUnavailable(this.name, 'service token refused (check the keys)');
    if (status >= 400) throw new DownstreamRejected(this.name, status, body as DownstreamRejected['body']);
    return { status, text };
  }
}
