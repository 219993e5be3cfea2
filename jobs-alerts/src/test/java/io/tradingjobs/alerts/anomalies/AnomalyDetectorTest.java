package io.tradingjobs.alerts.anomalies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    private final AnomalyDetector detector = new AnomalyDetector(AnomalyThresholds.defaults());

    private static StockSnapshot stock(double reference, double open, double last, double volume, double average, int limitHits) {
        return new StockSnapshot("TN0001100254", "SFBT", reference, open, last, volume, average, limitHits, 0L);
    }

    @Test
    void aQuietStockHasNoAnomaly() {
        assertThat(detector.detectAll(List.of(stock(10, 10.05, 10.1, 1000, 1100, 0)))).isEmpty();
    }

    @Test
    void volumeSpikesAreGradedByTheirMultipleOfTheAverage() {
        assertThat(detector.detectAll(List.of(stock(10, 10, 10, 3000, 1000, 0), stock(10, 10, 10, 6000, 1000, 0),
                stock(10, 10, 10, 12000, 1000, 0)))).extracting(Anomaly::type, Anomaly::severity).containsExactly(
                tuple(AnomalyType.VOLUME_SPIKE, AnomalySeverity.MEDIUM), tuple(AnomalyType.VOLUME_SPIKE, AnomalySeverity.HIGH),
                tuple(AnomalyType.VOLUME_SPIKE, AnomalySeverity.CRITICAL));
    }

    @Test
    void aMoveOverFivePercentIsAnAnomalyAndAtTheDailyLimitItIsHigh() {
        assertThat(detector.detectAll(List.of(stock(10, 10, 10.55, 1000, 1000, 0)))).extracting(Anomaly::type, Anomaly::severity)
                .containsExactly(tuple(AnomalyType.PRICE_MOVE, AnomalySeverity.MEDIUM));
        assertThat(detector.detectAll(List.of(stock(10, 10, 9.391, 1000, 1000, 0)))).extracting(Anomaly::type, Anomaly::severity)
                .containsExactly(tuple(AnomalyType.PRICE_MOVE, AnomalySeverity.HIGH));
    }

    @Test
    void aLargeMoveOnCollapsingVolumeIsFlagged() {
        assertThat(detector.detectAll(List.of(stock(10, 10, 10.6, 300, 1000, 0)))).extracting(Anomaly::type)
                .containsExactly(AnomalyType.PRICE_MOVE, AnomalyType.MOVE_ON_THIN_VOLUME);
    }

    @Test
    void repeatedLimitHitsAreHighAndCriticalWhenTodayHitsTheLimitAgain() {
        assertThat(detector.detectAll(List.of(stock(10, 10, 10.1, 1000, 1000, 2)))).extracting(Anomaly::type, Anomaly::severity)
                .containsExactly(tuple(AnomalyType.REPEATED_LIMIT_HITS, AnomalySeverity.HIGH));
        assertThat(detector.detectAll(List.of(stock(10, 10, 10.609, 1000, 1000, 2)))).extracting(Anomaly::type, Anomaly::severity)
                .contains(tuple(AnomalyType.REPEATED_LIMIT_HITS, AnomalySeverity.CRITICAL));
    }

    @Test
    void aGapAtTheOpenIsLowOrMediumByItsSize() {
        assertThat(detector.detectAll(List.of(stock(10, 10.35, 10.2, 1000, 1000, 0), stock(10, 9.3, 9.8, 1000, 1000, 0))))
                .extracting(Anomaly::type, Anomaly::severity).containsExactly(tuple(AnomalyType.OPENING_GAP, AnomalySeverity.LOW),
                        tuple(AnomalyType.OPENING_GAP, AnomalySeverity.MEDIUM));
    }

    @Test
    void aStockWithAZeroOrMissingPriceIsSkippedWithoutAnError() {
        assertThat(detector.detectAll(List.of(stock(10, 10, 0, 9000, 1000, 0), stock(10, 10, Double.NaN, 9000, 1000, 0)))).isEmpty();
        assertThat(detector.detectAll(List.of(stock(Double.NaN, Double.NaN, 10, 9000, Double.NaN, 0)))).as("no history: no baseline").isEmpty();
    }
}
