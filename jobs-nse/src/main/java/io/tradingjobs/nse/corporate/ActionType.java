package io.tradingjobs.nse.corporate;

import java.util.Locale;

/** What a corporate event is, as stored in {@code corporate_announcements.action_type}. */
public enum ActionType {
    /** A dividend (interim, final or special). */
    DIVIDEND,
    /** A face value split (sub-division). */
    SPLIT,
    /** A bonus issue. */
    BONUS,
    /** A rights issue. */
    RIGHTS,
    /** A buyback. */
    BUYBACK,
    /** Financial results. */
    RESULTS,
    /** Anything else. */
    OTHER;

    /** The stored, lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
