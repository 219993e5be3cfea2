package io.tradingjobs.reports.weekly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutlookTest {

    private static double[] closes(double start, double step, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = start + step * i;
        }
        return c;
    }

    @Test
    @DisplayName("a rising index with 70 % of stocks up is an up trend with broad breadth: constructive")
    void constructive() {
        Outlook o = Outlook.of(closes(100, 0.3, 20), 14, 6);
        assertThat(o.trend()).isEqualTo("up");
        assertThat(o.breadth()).isEqualTo("broad");
        assertThat(o.risk()).isEqualTo("normal");
        assertThat(o.outlook()).isEqualTo("constructive");
        assertThat(o.reasons()).hasSize(3).first().asString().startsWith("Trend up: last close 105.70");
    }

    @Test
    @DisplayName("a falling index with 30 % of stocks up is a down trend with weak breadth: cautious")
    void cautious() {
        Outlook o = Outlook.of(closes(100, -0.3, 20), 3, 7);
        assertThat(o.trend()).isEqualTo("down");
        assertThat(o.breadth()).isEqualTo("weak");
        assertThat(o.outlook()).isEqualTo("cautious");
    }

    @Test
    @DisplayName("a falling index with mixed breadth but two days of -4 % (VaR below -2 %) is cautious on risk")
    void elevatedRisk() {
        double[] c = new double[20];
        c[0] = 100;
        for (int i = 1; i < c.length; i++) {
            c[i] = c[i - 1] * (i == 5 || i == 12 ? 0.96 : 0.999);
        }
        Outlook o = Outlook.of(c, 5, 5);
        assertThat(o.breadth()).isEqualTo("mixed");
        assertThat(o.risk()).isEqualTo("elevated");
        assertThat(o.outlook()).isEqualTo("cautious");
    }

    @Test
    @DisplayName("with fewer than five closes and no stock moves everything is unknown and the outlook neutral")
    void unknown() {
        Outlook o = Outlook.of(new double[] {1, 2}, 0, 0);
        assertThat(o.trend()).isEqualTo("unknown");
        assertThat(o.breadth()).isEqualTo("unknown");
        assertThat(o.outlook()).isEqualTo("neutral");
    }
}
