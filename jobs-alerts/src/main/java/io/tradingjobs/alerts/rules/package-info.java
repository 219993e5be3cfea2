/**
 * Alert rules: {@link io.tradingjobs.alerts.rules.AlertRules} (inject it) creates, lists,
 * enables and deletes rules described by {@link io.tradingjobs.alerts.rules.RuleSpec}; the
 * {@code alerts.scan} job evaluates them. Public API.
 */
package io.tradingjobs.alerts.rules;
