package io.tradingjobs.nse;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.nse.corporate.CorporateActionsJob;
import io.tradingjobs.nse.holidays.NseHolidaysJob;
import io.tradingjobs.nse.indices.NseIndicesJob;
import io.tradingjobs.nse.internal.NseSettings;
import java.util.List;
import java.util.Map;

/**
 * The NSE/BSE jobs: {@code nse.indices} (index constituents, daily 23:30 IST),
 * {@code nse.corporate-actions} (corporate actions, announcements, earnings calendar, daily 23:00
 * IST) and {@code nse.holidays} (trading holidays into the NSE calendar, weekly). Found through
 * {@link java.util.ServiceLoader}; see {@link #defaults()} for every setting and its default.
 */
public final class NseJobProvider implements JobProvider {

    /** Does nothing; the scheduler calls the methods at build time. */
    public NseJobProvider() {
    }

    @Override
    public String name() {
        return "nse";
    }

    /**
     * The three jobs.
     *
     * @throws IllegalArgumentException listing every invalid NSE setting with its value and fix,
     *     so the scheduler's {@code build()} reports them all at start-up
     */
    @Override
    public List<ProvidedJob> jobs(Config config) {
        List<String> problems = NseSettings.problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid NSE settings: " + String.join("; ", problems));
        }
        return List.of(JobProvider.job(NseIndicesJob.definition(), NseIndicesJob.class),
                JobProvider.job(CorporateActionsJob.definition(), CorporateActionsJob.class),
                JobProvider.job(NseHolidaysJob.definition(), NseHolidaysJob.class));
    }

    @Override
    public List<String> migrations() {
        return List.of("classpath:db/tradingjobs/nse/common", "classpath:db/tradingjobs/nse/{vendor}");
    }

    /**
     * {@code nse.base-url}, {@code nse.archives-url}, {@code nse.archives-fallback-url},
     * {@code bse.base-url} (the real public hosts), {@code nse.rate-limit} and {@code bse.rate-limit}
     * (polite: 1/s, 30/min), {@code nse.indices.list} (the seed's nine indices),
     * {@code nse.indices.max-loss} (0.5), {@code nse.corporate.lookback-days} (7),
     * {@code nse.corporate.lookahead-days} (30), {@code bse.corporate.enabled} (true),
     * {@code nse.watchlist} (empty), {@code nse.holidays.segment} (CM).
     */
    @Override
    public Map<String, String> defaults() {
        return NseSettings.defaults();
    }
}
