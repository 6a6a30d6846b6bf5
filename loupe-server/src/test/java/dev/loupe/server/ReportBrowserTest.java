package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.report.ProjectReport;
import dev.loupe.app.report.ReportRequest;
import dev.loupe.app.report.ReportSummary;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * {@code loupe report}'s HTML opened in headless Chromium with the network switched off: no
 * console error, no request of any kind, every chart and thumbnail rendered. The voc100 project
 * has labels, metrics and a detection set, so every section is there.
 */
class ReportBrowserTest {
    static ChromeDriver driver;
    static Path profile;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        profile = Files.createTempDirectory("loupe-report-profile");
        driver = Chromium.start(profile, Files.createTempDirectory("loupe-report-downloads"));
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        driver.setNetworkConditions(offline);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theReportRendersOfflineWithItsChartsAndThumbnails() throws Exception {
        Path project = Voc100Project.create(tmp);
        Path html = tmp.resolve("out/report.html");
        ReportSummary summary;
        try (ProjectStore store = ProjectStore.open(project)) {
            summary = ProjectReport.write(store, new ReportRequest(null, 4, 10, 160), IssueRules.forProject(project), html);
        }
        assertThat(summary.sections()).containsExactly("Summary", "Issues", "Outliers", "Metric distributions", "Label errors",
                "Model evaluation");
        assertThat(summary.bytes()).isEqualTo(Files.size(html)).isLessThan(3L << 20);
        assertThat(summary.thumbnails()).isGreaterThan(4);

        driver.get(html.toUri().toString());
        JavascriptExecutor js = driver;
        Map<?, ?> page = (Map<?, ?>) js.executeScript("""
                const svgs = [...document.querySelectorAll('svg')];
                const imgs = [...document.querySelectorAll('img')];
                return {
                  svgs: svgs.length,
                  emptySvgs: svgs.filter(s => { const b = s.getBBox(); return !(b.width > 0 && b.height > 0); }).length,
                  bins: document.querySelectorAll('svg .bin').length,
                  tallBins: [...document.querySelectorAll('svg .bin')].filter(r => r.getBBox().height > 0).length,
                  curves: document.querySelectorAll('#evaluation svg polyline').length,
                  curvePoints: Math.min(...[...document.querySelectorAll('#evaluation svg polyline')].map(p => p.points.length)),
                  bars: document.querySelectorAll('#summary svg .bar').length,
                  imgs: imgs.length,
                  broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).length,
                  resources: performance.getEntriesByType('resource').length,
                  labelRows: document.querySelectorAll('#label-errors tr').length,
                  perClassRows: document.querySelectorAll('#evaluation table')[2].querySelectorAll('tr').length
                };""");
        List<LogEntry> console = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).as("console messages").isEmpty();
        assertThat(((Number) page.get("resources")).intValue()).as("requests for anything outside the file").isZero();
        assertThat(((Number) page.get("svgs")).intValue()).as("class bars, PR curves, a histogram per metric").isGreaterThanOrEqualTo(6);
        assertThat(((Number) page.get("emptySvgs")).intValue()).isZero();
        assertThat(((Number) page.get("bins")).intValue()).isGreaterThanOrEqualTo(72);
        assertThat(((Number) page.get("tallBins")).intValue()).isGreaterThan(30);
        assertThat(((Number) page.get("bars")).intValue()).as("one bar per voc100 class").isEqualTo(20);
        assertThat(((Number) page.get("curves")).intValue()).as("a PR curve per class with detections").isGreaterThan(5);
        assertThat(((Number) page.get("curvePoints")).intValue()).isGreaterThan(2);
        assertThat(((Number) page.get("imgs")).intValue()).as("every thumbnail shown, some twice").isGreaterThanOrEqualTo(
                summary.thumbnails());
        assertThat(((Number) page.get("broken")).intValue()).as("thumbnails that did not decode").isZero();
        assertThat(((Number) page.get("labelRows")).intValue()).as("header + 10 label-error rows").isEqualTo(11);
        assertThat(((Number) page.get("perClassRows")).intValue()).as("header + the classes with labels or detections")
                .isGreaterThan(5);
    }
}
