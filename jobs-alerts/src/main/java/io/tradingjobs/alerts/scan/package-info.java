/**
 * The {@code alerts.scan} job and its evaluator: {@link io.tradingjobs.alerts.scan.RuleEvaluator}
 * and {@link io.tradingjobs.alerts.scan.SymbolBars} are public so hosts and benchmarks can
 * evaluate rules on their own bars; the job reads the market tables through SQL only.
 */
package io.tradingjobs.alerts.scan;
