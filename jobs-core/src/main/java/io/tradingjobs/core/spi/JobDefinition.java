package io.tradingjobs.core.spi;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a job is and how it is scheduled. Immutable; built with
 * {@code JobDefinition.builder("market.sync").name("Market data sync").schedule("every 1 hour during NSE market hours").build()}.
 *
 * <p>Defaults follow the seeds' APScheduler settings: misfire grace 300 s, coalesce on, at most
 * one running instance, no retries, no timeout. Operators override any of them per job with
 * settings {@code jobs.<id>.schedule}, {@code .enabled}, {@code .timeout}, {@code .misfire-grace},
 * {@code .coalesce}, {@code .max-concurrent}, {@code .retry.max-attempts}, {@code .retry.delay}.
 */
public final class JobDefinition {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");

    private final String id;
    private final String name;
    private final String description;
    private final Schedule schedule;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final int maxConcurrent;
    private final Duration misfireGrace;
    private final boolean coalesce;
    private final String calendar;
    private final boolean recoverable;
    private final boolean enabledByDefault;
    private final List<String> requiredSettings;

    private JobDefinition(Builder b) {
        this.id = b.id;
        this.name = b.name == null ? b.id : b.name;
        this.description = b.description == null ? "" : b.description;
        Schedule s = b.schedule == null ? Schedule.manual() : b.schedule;
        if (b.calendar != null && s.tradingWindow() == Schedule.TradingWindow.NONE && s.kind() != Schedule.Kind.MANUAL) {
            s = s.onTradingDays(b.calendar).describedAs(s.text());
        }
        this.schedule = s;
        this.retry = b.retry;
        this.timeout = b.timeout;
        this.maxConcurrent = b.maxConcurrent;
        this.misfireGrace = b.misfireGrace;
        this.coalesce = b.coalesce;
        this.calendar = b.calendar;
        this.recoverable = b.recoverable;
        this.enabledByDefault = b.enabledByDefault;
        this.requiredSettings = List.copyOf(b.requiredSettings);
    }

    /**
     * Starts a definition. Ids are lower case, {@code area.noun} or {@code area.noun-verb}
     * (e.g. {@code nse.indices}, {@code market.sync}).
     *
     * @throws IllegalArgumentException when the id is not of that form
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder pre-filled with this definition, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(id).name(name).description(description).schedule(schedule).retry(retry)
                .maxConcurrent(maxConcurrent).misfireGrace(misfireGrace).coalesce(coalesce).recoverable(recoverable)
                .enabledByDefault(enabledByDefault);
        b.timeout = timeout;
        b.calendar = calendar;
        b.requiredSettings.addAll(requiredSettings);
        return b;
    }

    /** The id, unique across all providers. */
    public String id() {
        return id;
    }

    /** A human name, e.g. "Market Pulse Update". */
    public String name() {
        return name;
    }

    /** What the job does; may be empty. */
    public String description() {
        return description;
    }

    /** When it runs (the default; {@code jobs.<id>.schedule} overrides). */
    public Schedule schedule() {
        return schedule;
    }

    /** Attempts and backoff. */
    public RetryPolicy retry() {
        return retry;
    }

    /** The longest an attempt may run before it is interrupted; empty for no limit. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** How many runs of this job may run at once (default 1). */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** How late a scheduled run may start before it is skipped as misfired (default 300 s). */
    public Duration misfireGrace() {
        return misfireGrace;
    }

    /** Whether several missed runs collapse into one (default true). */
    public boolean coalesce() {
        return coalesce;
    }

    /** The trading calendar the job follows, if any. */
    public Optional<String> calendar() {
        return Optional.ofNullable(calendar);
    }

    /** Whether a run cut off by a crash is run again at recovery (default false). */
    public boolean recoverable() {
        return recoverable;
    }

    /** Whether the job is enabled when no {@code jobs.<id>.enabled} setting says otherwise (default true). */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** Settings that must be set for the job to be enabled (e.g. an API token); checked at build. */
    public List<String> requiredSettings() {
        return requiredSettings;
    }

    @Override
    public String toString() {
        return id + " (" + schedule + ")";
    }

    /** Builds a {@link JobDefinition}; every setter validates eagerly. */
    public static final class Builder {
        private final String id;
        private String name;
        private String description;
        private Schedule schedule;
        private RetryPolicy retry = RetryPolicy.NONE;
        private Duration timeout;
        private int maxConcurrent = 1;
        private Duration misfireGrace = Duration.ofSeconds(300);
        private boolean coalesce = true;
        private String calendar;
        private boolean recoverable;
        private boolean enabledByDefault = true;
        private final java.util.ArrayList<String> requiredSettings = new java.util.ArrayList<>();

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("job id '" + id + "' is not valid: use lower case words joined by '.', '-' or '_', "
                        + "e.g. 'market.sync' or 'nse.corporate-actions'");
            }
            this.id = id;
        }

        /** The human name. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** What the job does. */
        public Builder description(String value) {
            this.description = Objects.requireNonNull(value, "description");
            return this;
        }

        /** The schedule. */
        public Builder schedule(Schedule value) {
            this.schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /** The schedule as text, see {@link Schedule#parse(String)}. */
        public Builder schedule(String text) {
            this.schedule = Schedule.parse(text);
            return this;
        }

        /** Attempts and backoff (default: no retries). */
        public Builder retry(RetryPolicy value) {
            this.retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /** Interrupts an attempt that runs longer than {@code value}. */
        public Builder timeout(Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, was " + value);
            }
            this.timeout = value;
            return this;
        }

        /** How many runs may run at once (default 1; further fires wait, a manual run is refused). */
        public Builder maxConcurrent(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + value);
            }
            this.maxConcurrent = value;
            return this;
        }

        /** How late a scheduled run may start before it is skipped (default 300 s). */
        public Builder misfireGrace(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("misfireGrace must not be negative, was " + value);
            }
            this.misfireGrace = value;
            return this;
        }

        /** Whether missed runs collapse into one (default true). */
        public Builder coalesce(boolean value) {
            this.coalesce = value;
            return this;
        }

        /** Runs only on trading days of {@code code} ({@code NSE}, {@code BSE}, {@code BVMT}). */
        public Builder calendar(String code) {
            this.calendar = Objects.requireNonNull(code, "calendar").toUpperCase(Locale.ROOT);
            return this;
        }

        /** Whether a run cut off by a crash is run again at recovery. */
        public Builder recoverable(boolean value) {
            this.recoverable = value;
            return this;
        }

        /** Whether the job runs unless configured off (default true). */
        public Builder enabledByDefault(boolean value) {
            this.enabledByDefault = value;
            return this;
        }

        /** Settings that must be set when the job is enabled, e.g. {@code market.upstox.token}. */
        public Builder requires(String... settingKeys) {
            requiredSettings.addAll(List.of(settingKeys));
            return this;
        }

        /** The definition. */
        public JobDefinition build() {
            return new JobDefinition(this);
        }
    }
}
