package io.tradingjobs.core.ops;

import static io.tradingjobs.core.ops.OpsFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobState;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The dashboard in headless Chromium: run now, pause, the failures view; desktop and phone widths. */
class DashboardBrowserTest {
    @TempDir
    Path dir;

    private JobScheduler scheduler;
    private Browser browser;
    private String failedRun;

    @BeforeEach
    void start() {
        scheduler = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "0")
                .job(OpsFixtures.hourly("nse.indices", "NSE index constituents"), OpsFixtures.ok())
                .job(OpsFixtures.hourly("bvmt.market-pulse", "Market Pulse Update"), OpsFixtures.ok())
                .job(OpsFixtures.hourly("alerts.scan", "Alert scanner"), OpsFixtures.failing("RSI service answered 502 Bad Gateway"))
                .build();
        scheduler.start();
        failedRun = scheduler.runNow("alerts.scan");
        await().atMost(WAIT).until(() -> scheduler.run(failedRun).map(r -> r.status() == RunStatus.FAILED).orElse(false));
        browser = new Browser(dir.resolve("chrome-profile"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @Test
    @DisplayName("clicking 'Run now' shows the new run with its status; 'Pause' shows the job paused; 'Failures' shows the failed run's error")
    void runPauseAndFailures() {
        var driver = browser.driver();
        driver.get(OpsFixtures.baseUrl(scheduler) + "/");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job-id='nse.indices']")));
        assertThat(driver.findElements(By.cssSelector("#runs tr[data-job='nse.indices']"))).isEmpty();
        assertThat(text("tr[data-job-id='nse.indices'] .badge")).isEqualTo("scheduled");

        click("tr[data-job-id='nse.indices'] button[data-action='run']");

        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs tr[data-job='nse.indices'][data-status='success']")));
        assertThat(text("#runs tr[data-job='nse.indices'] .badge")).isEqualTo("success");
        assertThat(text("#runs tr[data-job='nse.indices']")).contains("priced 42 instruments").contains(scheduler.nodeId());
        String shownRunId = browser.waiting().until(d -> d.findElement(By.cssSelector("#runs tr[data-job='nse.indices']")).getAttribute("data-run-id"));
        assertThat(scheduler.history("nse.indices", 10)).singleElement().satisfies(r -> assertThat(r.runId()).isEqualTo(shownRunId));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-job-id='nse.indices']"), "✓ 1"));

        click("tr[data-job-id='bvmt.market-pulse'] button[data-action='pause']");

        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job-id='bvmt.market-pulse'][data-status='paused']")));
        assertThat(text("tr[data-job-id='bvmt.market-pulse'] .badge")).isEqualTo("paused");
        assertThat(text("tr[data-job-id='bvmt.market-pulse'] button[data-action='resume']")).isEqualTo("Resume");
        assertThat(scheduler.job("bvmt.market-pulse").orElseThrow().status()).isEqualTo(JobState.PAUSED);
        browser.screenshot(Path.of("target", "dashboard-desktop.png"));

        click(".tab[data-view='failed']");

        // The page re-renders as it refreshes: look elements up afresh inside each wait.
        List<String> statuses = browser.waiting().until(d -> {
            List<String> s = d.findElements(By.cssSelector("#runs tbody tr")).stream().map(r -> r.getAttribute("data-status")).toList();
            return s.equals(List.of("failed")) ? s : null;
        });
        assertThat(statuses).containsExactly("failed");
        String row = "#runs tr[data-run-id='" + failedRun + "']";
        assertThat(driver.findElement(By.cssSelector(row + " .error-summary")).getText())
                .isEqualTo("java.lang.IllegalStateException: RSI service answered 502 Bad Gateway");
        click(row + " .error-summary");
        String stack = browser.waiting().until(d -> {
            WebElement pre = d.findElement(By.cssSelector(row + " pre.stack"));
            return pre.isDisplayed() ? pre.getText() : null;
        });
        assertThat(stack).contains("at io.tradingjobs.core.ops.OpsFixtures");
    }

    /** The text of the element at {@code css}, read again if a refresh replaced it. */
    private String text(String css) {
        return browser.waiting().until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** Clicks the element at {@code css}, found again if a refresh replaced it. */
    private void click(String css) {
        browser.waiting().until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    @Test
    @DisplayName("on a phone-sized screen every job is a card that still has its status and buttons, without sideways scrolling")
    void usableOnAPhone() {
        browser.size(390, 844);
        var driver = browser.driver();
        driver.get(OpsFixtures.baseUrl(scheduler) + "/");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs tr[data-status='failed']")));

        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Number clientWidth = (Number) driver.executeScript("return document.documentElement.clientWidth");
        assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(clientWidth.intValue());
        Boolean runButtonShown = browser.waiting().until(d -> d.findElement(By.cssSelector("tr[data-job-id='alerts.scan'] button[data-action='run']"))
                .isDisplayed());
        assertThat(runButtonShown).isTrue();
        assertThat(text("tr[data-job-id='alerts.scan']")).contains("Alert scanner").contains("failed");
        browser.screenshot(Path.of("target", "dashboard-phone.png"));
    }
}
