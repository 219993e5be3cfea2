package io.tradingjobs.market.source;

/**
 * One line of an exchange's board (the BVMT {@code market/groups} answer).
 *
 * @param isin e.g. {@code TN0001100254}
 * @param ticker e.g. {@code SFBT}
 * @param name the company name
 * @param group the BVMT quotation group ({@code valGroup}), e.g. {@code 11}
 * @param sector the sector used for sector performance
 * @param reference the reference (previous close) price
 * @param open the day's open, or {@code null}
 * @param last the last price, or {@code null} when not traded today
 * @param high day high, or {@code null}
 * @param low day low, or {@code null}
 * @param changePercent change against the reference, percent
 * @param volume traded quantity
 * @param tradedValue traded value (TND)
 * @param caps the {@code caps} figure as sent (number of trades)
 * @param time last trade time as sent, e.g. {@code 10:42:13}
 */
public record BoardQuote(String isin, String ticker, String name, String group, String sector, Double reference, Double open,
                         Double last, Double high, Double low, double changePercent, long volume, double tradedValue, double caps,
                         String time) {
}
