package io.tradingjobs.core.internal.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The Prometheus registry {@code /metrics} scrapes. Loaded only when the Prometheus registry is present. */
final class PrometheusScrape {
    private final PrometheusMeterRegistry registry;
    private final boolean owned;

    private PrometheusScrape(PrometheusMeterRegistry registry, boolean owned) {
        this.registry = registry;
        this.owned = owned;
    }

    /** A Prometheus registry of the library's own. */
    static PrometheusScrape create() {
        return new PrometheusScrape(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true);
    }

    /** The host's Prometheus registry, when {@code target} is one or holds one; else null. */
    static PrometheusScrape find(MeterRegistry target) {
        if (target instanceof PrometheusMeterRegistry p) {
            return new PrometheusScrape(p, false);
        }
        if (target instanceof CompositeMeterRegistry c) {
            for (MeterRegistry r : c.getRegistries()) {
                if (r instanceof PrometheusMeterRegistry p) {
                    return new PrometheusScrape(p, false);
                }
            }
        }
        return null;
    }

    MeterRegistry registry() {
        return registry;
    }

    boolean owned() {
        return owned;
    }

    String scrape() {
        return registry.scrape();
    }
}
