package io.tradingjobs.nse.holidays;

import io.tradingjobs.core.calendar.CalendarDay;
import io.tradingjobs.core.calendar.CalendarStore;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.RetryPolicy;
import io.tradingjobs.nse.internal.NseSession;
import io.tradingjobs.nse.internal.NseSettings;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code nse.holidays}: refreshes NSE's trading holidays (segment {@code nse.holidays.segment},
 * default {@code CM}) from {@code /api/holiday-master?type=trading} into the calendar store that
 * the core's NSE calendar (and every schedule on NSE trading days) reads. Each year in the answer
 * replaces that year's stored holidays; a bad answer replaces nothing.
 */
public final class NseHolidaysJob implements Job {
    /** The job id. */
    public static final String ID = "nse.holidays";
    static final String PATH = "/api/holiday-master";

    private final Http http;
    private final Config config;
    private final CalendarStore calendars;

    /** Created by the scheduler for every run. */
    @Inject
    public NseHolidaysJob(Http http, Config config, CalendarStore calendars) {
        this.http = http;
        this.config = config;
        this.calendars = calendars;
    }

    /** The definition: weekly, Sunday 06:00 IST. */
    public static JobDefinition definition() {
        return JobDefinition.builder(ID).name("NSE trading holidays")
                .description("Refreshes NSE trading holidays from the holiday master into the NSE calendar")
                .schedule("0 6 * * 0 in Asia/Kolkata")
                .retry(RetryPolicy.exponential(3, Duration.ofMinutes(30)))
                .timeout(Duration.ofMinutes(10))
                .build();
    }

    @Override
    public void run(JobContext context) throws Exception {
        NseSettings.rateLimit(http, config, NseSettings.NSE_RATE_LIMIT, NseSettings.BASE_URL);
        NseSession nse = new NseSession(http, NseSettings.base(config, NseSettings.BASE_URL));
        String url = nse.baseUrl() + PATH + "?type=trading";
        String segment = config.string(NseSettings.HOLIDAY_SEGMENT, "CM");
        Map<Integer, List<CalendarDay>> byYear = HolidayParser.parse(url, nse.getJson(PATH, Map.of("type", "trading")), segment);
        List<String> done = new ArrayList<>();
        byYear.forEach((year, days) -> {
            calendars.replaceHolidays("NSE", year, days, url);
            done.add(year + ": " + days.size());
        });
        context.summary("NSE " + segment + " holidays stored, " + String.join(", ", done));
    }
}
