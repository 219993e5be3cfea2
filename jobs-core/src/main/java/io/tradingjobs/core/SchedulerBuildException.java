package io.tradingjobs.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything that is wrong with a scheduler's configuration, found at {@code build()} and
 * reported together: bad cron or time zone, unknown job ids in settings, an unreachable
 * database, a missing token for an enabled job, broken or duplicate job providers.
 */
public class SchedulerBuildException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem.
     *
     * @param where the setting key, job id or provider at fault
     * @param value the offending value (secrets masked); null when missing
     * @param problem what is wrong
     * @param fix how to fix it
     */
    public record Problem(String where, String value, String problem, String fix) {
        @Override
        public String toString() {
            return where + (value == null ? "" : " = '" + value + "'") + ": " + problem + (fix == null ? "" : " Fix: " + fix);
        }
    }

    private final transient List<Problem> problems;

    /** @param problems at least one */
    public SchedulerBuildException(List<Problem> problems) {
        super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in the trading-jobs configuration:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order found. */
    public List<Problem> problems() {
        return problems;
    }
}
