package io.tradingjobs.alerts.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.alerts.sentiment.Sentiment.Label;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LexiconSentimentAnalyzerTest {
    private final LexiconSentimentAnalyzer analyzer = new LexiconSentimentAnalyzer();

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "Reliance shares surge after record quarterly profit | POSITIVE",
        "Infosys beats estimates and raises its dividend | POSITIVE",
        "TCS stock plunges as revenue misses forecasts | NEGATIVE",
        "Regulator opens fraud investigation into Adani unit | NEGATIVE",
        "Company files for bankruptcy after debt default | NEGATIVE",
        "Profits did not fall this quarter | POSITIVE",
        "The bank reported no losses on its loan book | POSITIVE",
        "Sales failed to grow despite the launch | NEGATIVE",
        "HDFC Bank to hold its board meeting on Friday | NEUTRAL",
        "Le titre SFBT bondit après des bénéfices record | POSITIVE",
        "La BIAT affiche une forte croissance de son résultat net | POSITIVE",
        "Le cours de Poulina chute lourdement après l'annonce de pertes | NEGATIVE",
        "Enquête pour fraude : l'action s'effondre à la Bourse de Tunis | NEGATIVE",
        "Le chiffre d'affaires ne baisse pas malgré la crise | POSITIVE",
        "La société n'a jamais enregistré de perte | POSITIVE",
        "Le chiffre d'affaires n'augmente plus depuis deux ans | NEGATIVE",
        "Sans amélioration des marges, le dividende recule | NEGATIVE",
        "L'assemblée générale se tiendra le 12 juin à Tunis | NEUTRAL",
    })
    void labelledHeadlinesInEnglishAndFrenchGetTheirLabel(String sentence, Label expected) {
        Sentiment s = analyzer.analyze(sentence, null);
        assertThat(s.label()).as("%s scored %.3f", sentence, s.score()).isEqualTo(expected);
        assertThat(s.analyzer()).isEqualTo("lexicon-v1");
    }

    @Test
    void strongNegativesScoreBelowTheAlertThresholdAndPlainOnesDoNot() {
        assertThat(analyzer.analyze("Shares plunge after fraud probe", "en").score()).isLessThanOrEqualTo(-0.5);
        assertThat(analyzer.analyze("Shares slightly lower", "en").score()).isBetween(-0.5, -0.2);
    }

    @Test
    void scoresStayWithinMinusOneAndOne() {
        String text = "surge soar record profit gain ".repeat(50);
        assertThat(analyzer.analyze(text, "en").score()).isLessThan(1.0).isGreaterThan(0.99);
        assertThat(analyzer.analyze("", "en").score()).isZero();
        assertThat(analyzer.analyze(null, null).label()).isEqualTo(Label.NEUTRAL);
    }

    @Test
    void theLanguageIsToldByItsCommonWords() {
        assertThat(LexiconSentimentAnalyzer.language("Le titre de la société est en hausse", null)).isEqualTo("fr");
        assertThat(LexiconSentimentAnalyzer.language("The stock of the company is up", null)).isEqualTo("en");
        assertThat(LexiconSentimentAnalyzer.language("SFBT", "fr")).isEqualTo("fr");
    }
}
