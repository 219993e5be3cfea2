package io.tradingjobs.nse.corporate;

import java.time.LocalDate;

/**
 * A board meeting that considers results, as one exchange reported it.
 *
 * @param exchange {@code NSE} or {@code BSE}
 * @param symbol the trading symbol, upper case
 * @param isin the ISIN, or null
 * @param company the company name, or null
 * @param date the meeting date
 * @param purpose the exchange's text
 */
record EarningsEvent(String exchange, String symbol, String isin, String company, LocalDate date, String purpose) {
}
