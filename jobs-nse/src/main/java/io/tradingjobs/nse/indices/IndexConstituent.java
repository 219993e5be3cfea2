package io.tradingjobs.nse.indices;

/**
 * One row of an index constituent file.
 *
 * @param company the company name
 * @param industry the industry, in NSE's title case even when the file shouts it
 * @param symbol the NSE symbol
 * @param series the series, e.g. {@code EQ} or {@code BE}
 * @param isin the ISIN
 * @param placeholder whether it is a placeholder NSE lists after a demerger ({@code Dummy ...}
 *     names, ISINs not starting with {@code INE}) rather than a tradable member
 */
record IndexConstituent(String company, String industry, String symbol, String series, String isin, boolean placeholder) {
}
