package io.tradingjobs.core.calendar;

/** The phases of an exchange's trading day, as listed by {@link TradingCalendar#sessions}. */
public enum SessionKind {

    /** Order entry before the open (NSE/BSE 09:00-09:08, BVMT pre-opening from 08:30); no trades. */
    PRE_OPEN,

    /** The normal market: continuous matching between the open and the close. */
    CONTINUOUS,

    /**
     * After the close: NSE/BSE closing (post-close) session at the closing price, BVMT trading at
     * the last price. Not counted as "open" by {@link TradingCalendar#isOpen}.
     */
    CLOSING,

    /**
     * A trading session outside the normal market, such as NSE/BSE Muhurat trading on Diwali or an
     * extra session added through {@link CalendarDay.Kind#SPECIAL_SESSION}.
     */
    SPECIAL;

    /**
     * Whether trades happen continuously in this kind of session, i.e. whether
     * {@link TradingCalendar#isOpen} counts it: {@code true} for {@link #CONTINUOUS} and
     * {@link #SPECIAL}.
     */
    public boolean isTrading() {
        return this == CONTINUOUS || this == SPECIAL;
    }
}
