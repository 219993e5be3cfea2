package io.tradingjobs.core.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver ({@code apt-get install chromium chromium-driver};
 * {@code .ci/run} installs them), with a fresh profile, everything on 127.0.0.1.
 */
public final class Browser implements AutoCloseable {
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    /** Starts Chromium with a profile in {@code profileDir}. */
    public Browser(Path profileDir) {
        if (!new File(CHROMEDRIVER).canExecute() || !new File(CHROMIUM).canExecute()) {
            throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER + " are needed for the dashboard test: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profileDir.toAbsolutePath(), "--window-size=1360,900", "--lang=en-GB");
        driver = new ChromeDriver(service, options);
    }

    /** The driver. */
    public ChromeDriver driver() {
        return driver;
    }

    /** A wait that polls the page (no sleeping test thread); elements replaced by a refresh meanwhile are looked up again. */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Resizes the window's viewport (a phone is 390 x 844). */
    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a PNG of the viewport to {@code file}. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a PNG of the whole page (as tall as its content) at the given width. */
    public void fullPageScreenshot(Path file, int width) {
        Number height = (Number) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        size(width, Math.min(4000, height.intValue() + 120));
        Number inner = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        size(width, Math.min(4000, inner.intValue() + 120));
        screenshot(file);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
