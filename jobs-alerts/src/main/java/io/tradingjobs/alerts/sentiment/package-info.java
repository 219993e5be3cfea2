/**
 * The sentiment SPI: {@link io.tradingjobs.alerts.sentiment.SentimentAnalyzer}, bound by default
 * to the English and French finance lexicon scorer
 * {@link io.tradingjobs.alerts.sentiment.LexiconSentimentAnalyzer}; hosts bind a FinBERT-class
 * model in its place.
 */
package io.tradingjobs.alerts.sentiment;
