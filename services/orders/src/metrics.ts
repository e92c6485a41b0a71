import { Gauge, Histogram, type Registry } from 'prom-client';
import type { OrderProjector } from './projector.ts';
import type { SagaStepObserver } from './saga.ts';

/**
 * The orders service's own metrics, beside the kit's (`ServiceMetrics`): how long each saga step
 * waits for its reply and how it ends, and how far the read model is behind the commands.
 */
export function ordersMetrics(registry: Registry, projector: OrderProjector): { sagaStep: SagaStepObserver } {
  const stepDuration = new Histogram({
    name: 'orders_saga_step_duration_seconds',
    help: 'Time an order saga waited at a step for the reply that ended it; outcome is the reply type',
    labelNames: ['step', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  let status: ReturnType<OrderProjector['status']> | null = null;
  // Both gauges read one status per scrape.
  const read = () => {
    status ??= projector.status().finally(() => setImmediate(() => (status = null)));
    return status.catch(() => ({ eventsBehind: NaN, secondsBehind: NaN }));
  };
  new Gauge({
    name: 'orders_read_model_lag_seconds',
    help: 'Age of the oldest order event not yet in the read model (0 when it is up to date)',
    registers: [registry],
    async collect() {
      this.set((await read()).secondsBehind);
    },
  });
  new Gauge({
    name: 'orders_read_model_events_behind',
    help: 'Order events not yet applied to the read model',
    registers: [registry],
    async collect() {
      this.set((await read()).eventsBehind);
    },
  });
  return { sagaStep: (step, outcome, seconds) => stepDuration.observe({ step, outcome }, seconds) };
}
