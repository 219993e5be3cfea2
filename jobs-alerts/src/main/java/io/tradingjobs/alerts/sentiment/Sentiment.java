package io.tradingjobs.alerts.sentiment;

/**
 * A sentiment score.
 *
 * @param score from -1 (very negative) to +1 (very positive), 0 neutral
 * @param label the score's class
 * @param analyzer the name of the analyzer that scored it (stored with the article)
 */
public record Sentiment(double score, Label label, String analyzer) {

    /** Classes of a score. */
    public enum Label {
        /** Good news for the stock. */
        POSITIVE,
        /** Neither, or not about the stock's fortunes. */
        NEUTRAL,
        /** Bad news for the stock. */
        NEGATIVE
    }

    /** Validates: the score must lie in [-1, 1]. */
    public Sentiment {
        if (!(score >= -1.0 && score <= 1.0)) {
            throw new IllegalArgumentException("a sentiment score lies in [-1, 1], was " + score + " from " + analyzer);
        }
    }

    /** A score labelled with the usual cut-offs: at least +0.2 positive, at most -0.2 negative. */
    public static Sentiment of(double score, String analyzer) {
        Label l = score >= 0.2 ? Label.POSITIVE : score <= -0.2 ? Label.NEGATIVE : Label.NEUTRAL;
        return new Sentiment(score, l, analyzer);
    }
}
