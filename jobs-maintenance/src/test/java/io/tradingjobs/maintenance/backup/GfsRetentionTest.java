package io.tradingjobs.maintenance.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.maintenance.backup.GfsRetention.Reason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GfsRetentionTest {
    private static final Function<Instant, Instant> SELF = t -> t;

    private static Instant at(String day, int hour) {
        return LocalDate.parse(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static List<Instant> dailyBackups(String first, String last) {
        List<Instant> out = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(first); !d.isAfter(LocalDate.parse(last)); d = d.plusDays(1)) {
            out.add(d.atTime(2, 0).toInstant(ZoneOffset.UTC));
        }
        return out;
    }

    private static List<String> days(List<Instant> instants) {
        return instants.stream().map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC).toString()).sorted().toList();
    }

    @Test
    void aYearOfDailyBackupsKeepsSevenDailyFourWeeklyAndTwelveMonthly() {
        List<Instant> year = dailyBackups("2026-01-01", "2026-12-31");

        GfsRetention.Plan<Instant> plan = GfsRetention.standard().plan(year, SELF, at("2026-12-31", 3));

        assertThat(plan.count(Reason.DAILY)).isEqualTo(7);
        assertThat(plan.count(Reason.WEEKLY)).isEqualTo(4);
        assertThat(plan.count(Reason.MONTHLY)).isEqualTo(12);
        // 2026-12-31 is a Thursday: weeks of Dec 28, 21, 14 and 7 end on the 31st, 27th, 20th and 13th.
        assertThat(days(new ArrayList<>(plan.keep().keySet()))).containsExactly(
                "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31",
                "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-13", "2026-12-20", "2026-12-25", "2026-12-26", "2026-12-27",
                "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31");
        assertThat(plan.delete()).hasSize(365 - 20);
        assertThat(plan.keep().get(at("2026-12-31", 2))).containsExactlyInAnyOrder(Reason.DAILY, Reason.WEEKLY, Reason.MONTHLY, Reason.LATEST);
    }

    @Test
    void onlyTheNewestBackupOfADayCountsAsThatDaysBackup() {
        List<Instant> backups = List.of(at("2026-03-10", 1), at("2026-03-10", 9), at("2026-03-10", 23), at("2026-03-09", 23));

        GfsRetention.Plan<Instant> plan = new GfsRetention(7, 0, 0, ZoneOffset.UTC).plan(backups, SELF, at("2026-03-10", 23));

        assertThat(plan.keep().keySet()).containsExactlyInAnyOrder(at("2026-03-10", 23), at("2026-03-09", 23));
        assertThat(plan.delete()).containsExactly(at("2026-03-10", 9), at("2026-03-10", 1));
    }

    @Test
    void theNewestBackupSurvivesEvenWhenItIsOlderThanEveryWindow() {
        List<Instant> old = List.of(at("2024-01-01", 2), at("2024-01-02", 2));

        GfsRetention.Plan<Instant> plan = GfsRetention.standard().plan(old, SELF, at("2026-06-01", 2));

        assertThat(plan.keep()).containsOnlyKeys(at("2024-01-02", 2));
        assertThat(plan.keep().get(at("2024-01-02", 2))).containsExactly(Reason.LATEST);
        assertThat(plan.delete()).containsExactly(at("2024-01-01", 2));
    }

    @Test
    void backupsDatedAfterNowAreNeverDeleted() {
        List<Instant> backups = List.of(at("2026-06-01", 2), at("2027-01-01", 2));

        GfsRetention.Plan<Instant> plan = GfsRetention.standard().plan(backups, SELF, at("2026-06-01", 3));

        assertThat(plan.keep().get(at("2027-01-01", 2))).containsExactly(Reason.FUTURE);
        assertThat(plan.delete()).isEmpty();
    }

    @Test
    void weeksAreIsoWeeksStartingOnMonday() {
        // Sunday 2026-03-08 and Monday 2026-03-09 fall in different ISO weeks.
        List<Instant> backups = List.of(at("2026-03-07", 2), at("2026-03-08", 2), at("2026-03-09", 2));

        GfsRetention.Plan<Instant> plan = new GfsRetention(0, 2, 0, ZoneOffset.UTC).plan(backups, SELF, at("2026-03-09", 3));

        assertThat(days(plan.keep().entrySet().stream().filter(e -> e.getValue().contains(Reason.WEEKLY)).map(e -> e.getKey()).toList()))
                .containsExactly("2026-03-08", "2026-03-09");
        assertThat(plan.delete()).containsExactly(at("2026-03-07", 2));
    }

    @Test
    void negativeCountsAreRefusedWithTheValues() {
        assertThatThrownBy(() -> new GfsRetention(-1, 4, 12, ZoneOffset.UTC)).hasMessageContaining("daily=-1");
    }

    @Test
    void backupFileNamesRoundTrip() {
        String name = BackupFile.fileName("market_data", at("2026-02-08", 2), 1, BackupFile.Kind.SQLITE);

        assertThat(name).isEqualTo("market_data-20260208-020000.db.gz");
        BackupFile parsed = BackupFile.parse(java.nio.file.Path.of(name)).orElseThrow();
        assertThat(parsed.name()).isEqualTo("market_data");
        assertThat(parsed.time()).isEqualTo(at("2026-02-08", 2));
        assertThat(BackupFile.parse(java.nio.file.Path.of("trading-jobs-20260208-020000-2.dump")).orElseThrow().sequence()).isEqualTo(2);
        assertThat(BackupFile.parse(java.nio.file.Path.of("notes.txt"))).isEmpty();
    }
}
