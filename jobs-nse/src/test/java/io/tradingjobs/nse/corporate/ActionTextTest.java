package io.tradingjobs.nse.corporate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ActionTextTest {

    @Test
    void aDividendSubjectGivesTheExactAmountPerShare() {
        ActionText text = ActionText.ofAction("Dividend - Rs 11 Per Share");
        assertThat(text.type()).isEqualTo(ActionType.DIVIDEND);
        assertThat(text.dividendPerShare()).isEqualByComparingTo("11");
    }

    @Test
    void bseDividendWithTrailingZerosIsTheSameAmountAsNses() {
        assertThat(ActionText.ofAction("Interim Dividend - Rs. - 18.0000").dividendPerShare())
                .isEqualTo(ActionText.ofAction("Interim Dividend - Rs 18 Per Share").dividendPerShare())
                .isEqualTo(new BigDecimal("18"));
        assertThat(ActionText.ofAction("Final Dividend - Re 0.50 Per Share").dividendPerShare()).isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void severalDividendsInOneSubjectAddUp() {
        assertThat(ActionText.ofAction("Interim Dividend - Rs 5 Per Share / Special Dividend - Rs 3.50 Per Share").dividendPerShare())
                .isEqualTo(new BigDecimal("8.5"));
    }

    @Test
    void aBonusGivesItsRatio() {
        assertThat(ActionText.ofAction("Bonus 2:1")).isEqualTo(new ActionText(ActionType.BONUS, null, null, null, "2:1"));
        assertThat(ActionText.ofAction("Bonus issue 1 : 1").ratio()).isEqualTo("1:1");
    }

    @Test
    void aFaceValueSplitGivesFromAndTo() {
        ActionText nse = ActionText.ofAction("Face Value Split (Sub-Division) - From Rs 10/- Per Share To Re 1/- Per Share");
        assertThat(nse.type()).isEqualTo(ActionType.SPLIT);
        assertThat(nse.splitFrom()).isEqualTo(new BigDecimal("10"));
        assertThat(nse.splitTo()).isEqualTo(new BigDecimal("1"));
        ActionText bse = ActionText.ofAction("Stock  Split From Rs.5/- to Rs.2/-");
        assertThat(bse.splitFrom()).isEqualTo(new BigDecimal("5"));
        assertThat(bse.splitTo()).isEqualTo(new BigDecimal("2"));
    }

    @Test
    void rightsBuybacksResultsAndTheRestAreTold() {
        assertThat(ActionText.ofAction("Rights 1:5 @ Premium Rs 100/-").type()).isEqualTo(ActionType.RIGHTS);
        assertThat(ActionText.ofAction("Buy Back").type()).isEqualTo(ActionType.BUYBACK);
        assertThat(ActionText.ofAction("Annual General Meeting").type()).isEqualTo(ActionType.OTHER);
        assertThat(ActionText.ofAnnouncement("Board Meeting to consider Financial Results and Dividend").type())
                .isEqualTo(ActionType.RESULTS);
    }
}
