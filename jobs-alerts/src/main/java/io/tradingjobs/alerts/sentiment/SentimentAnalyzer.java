package io.tradingjobs.alerts.sentiment;

/**
 * Scores the sentiment of a news text. The SPI of {@code alerts.news}: the default is
 * {@link LexiconSentimentAnalyzer} (English and French finance lexicon with negation handling);
 * a host that runs a better model, such as FinBERT served next to it, binds its own with Guice:
 *
 * <pre>{@code
 * JobScheduler.builder().module(binder ->
 *         OptionalBinder.newOptionalBinder(binder, SentimentAnalyzer.class)
 *                 .setBinding().to(FinBertAnalyzer.class))   // replaces the lexicon scorer
 * }</pre>
 *
 * where {@code FinBertAnalyzer} calls the host's model (in-process, e.g. ONNX Runtime or DJL, or
 * over HTTP) and maps its three class probabilities to a score, typically
 * {@code p(positive) - p(negative)}. The library ships no model weights.
 *
 * <p>Implementations must be thread-safe; {@link #analyze} is called once per new article, on a
 * job thread, and may block (a model call) but should stay well under a second per text.
 */
public interface SentimentAnalyzer {

    /** A short name stored with each score, such as {@code lexicon-v1} or {@code finbert}. */
    String name();

    /**
     * Scores {@code text}.
     *
     * @param text the title and description (and content, when there is some) of an article
     * @param languageHint an ISO 639-1 code ({@code en}, {@code fr}) when the source says which,
     *     or {@code null} to let the analyzer decide
     * @return never null; a text it cannot read is NEUTRAL with score 0
     */
    Sentiment analyze(String text, String languageHint);
}
