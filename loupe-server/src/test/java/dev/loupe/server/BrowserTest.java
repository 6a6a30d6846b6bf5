package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in Debian's headless Chromium (driven by Selenium through /usr/bin/chromedriver, so
 * nothing is downloaded): every page opens, filters, sorts, an item opens, tags are added and a
 * selection is exported; charts must draw (their canvas has painted pixels). Screenshots of each
 * page go to docs/screenshots/. Skipped, saying so, only when Chromium or its driver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    static LoupeServer server;
    static Http http;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static Path downloads;
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Chromium.requireInstalled();
        server = LoupeServer.start(BccdProject.get(), new ServerOptions(null, 0, null));
        http = new Http("http://127.0.0.1:" + server.port(), null);
        downloads = Files.createTempDirectory("loupe-downloads");
        profile = Files.createTempDirectory("loupe-chromium-profile");
        driver = Chromium.start(profile, downloads);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void open(String hash) {
        driver.get(http.base() + "/#/" + hash);
    }

    /** Painted (non-transparent) pixels of a canvas: a chart or thumbnail that drew something has many. */
    private static long paintedPixels(WebElement canvas) {
        Object n = ((JavascriptExecutor) driver).executeScript("const c = arguments[0]; if (!c.width || !c.height) return 0;"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;", canvas);
        return ((Number) n).longValue();
    }

    private static void waitPainted(By canvas, long atLeast) {
        wait.until(d -> {
            List<WebElement> all = d.findElements(canvas);
            return !all.isEmpty() && paintedPixels(all.get(0)) >= atLeast;
        });
    }

    private static void waitThumbnails(int count) {
        wait.until(d -> d.findElements(By.cssSelector("canvas.thumb.ready")).size() >= count);
    }

    private static void screenshot(String name) throws IOException {
        String dir = System.getProperty("loupe.screenshots");
        if (dir == null) {
            return;
        }
        Path target = Path.of(dir).resolve(name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
    }

    private static String hashQuery() {
        String url = driver.getCurrentUrl();
        return url.substring(url.indexOf('#'));
    }

    /**
     * Pixels of a canvas within 10 per channel of one of the given colours: a thumbnail that drew its
     * labels has some in its class colours (classColour in draw.ts: class 1 #f05252, 2 #3f83f8, 3 #31c48d),
     * which a blood smear does not hold.
     */
    private static long pixelsOfColours(WebElement canvas, int... rgb) {
        Object n = ((JavascriptExecutor) driver).executeScript("const c = arguments[0]; const rgb = arguments[1];"
                + "if (!c.width || !c.height) return 0; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) for (let k = 0; k < rgb.length; k += 3)"
                + "  if (Math.abs(d[i] - rgb[k]) <= 10 && Math.abs(d[i + 1] - rgb[k + 1]) <= 10 && Math.abs(d[i + 2] - rgb[k + 2]) <= 10) { n++; break; }"
                + "return n;", canvas, java.util.Arrays.stream(rgb).boxed().toList());
        return ((Number) n).longValue();
    }

    /** BCCD's class colours: RBC (class 1), WBC (2), Platelets (3). */
    private static final int[] BCCD_CLASS_COLOURS = {0xf0, 0x52, 0x52, 0x3f, 0x83, 0xf8, 0x31, 0xc4, 0x8d};

    /** How many of the ready thumbnails under {@code scope} drew label-coloured pixels (at least 40 each). */
    private static long thumbnailsWithLabels(String scope) {
        return driver.findElements(By.cssSelector(scope + " canvas.thumb.ready")).stream()
                .filter(c -> pixelsOfColours(c, BCCD_CLASS_COLOURS) >= 40).count();
    }

    @Test
    @Order(1)
    void gridThumbnailsDrawTheirLabelsWithoutAPredictionSet() throws IOException {
        open("explorer");
        waitThumbnails(12);
        List<WebElement> ready = driver.findElements(By.cssSelector("[data-testid=grid] canvas.thumb.ready"));
        // Every BCCD image has labelled cells: each thumbnail of the grid shows boxes in its classes' colours.
        // (The same thumbnails counted both ways: more may finish loading while these are read.)
        assertThat(ready.stream().filter(c -> pixelsOfColours(c, BCCD_CLASS_COLOURS) >= 40).count())
                .as("grid thumbnails with label colours").isEqualTo(ready.size());
        open("explorer?scope=annotation&class=WBC");
        waitThumbnails(12);
        assertThat(thumbnailsWithLabels("[data-testid=grid]")).as("annotation crops with label colours").isGreaterThanOrEqualTo(12);
        open("summary");
        waitThumbnails(3);
        wait.until(d -> thumbnailsWithLabels(".strip") >= 3);
    }

    @Test
    @Order(1)
    void theGridComesFirstAndTheDisplayControlsRedrawIt() throws IOException {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 720));
        try {
            open("explorer?sort=image.brightness");
            waitThumbnails(3);
            // At 1280x720 the first row of thumbnails is whole on screen; the charts wait behind their toggle.
            Number bottom = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.querySelector('[data-testid=grid] .thumb-card').getBoundingClientRect().bottom");
            Number height = (Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight");
            assertThat(bottom.doubleValue()).as("first row's bottom edge").isLessThanOrEqualTo(height.doubleValue());
            assertThat(driver.findElements(By.cssSelector("[data-testid=histogram]"))).isEmpty();
            screenshot("explorer-grid-first");
            driver.findElement(By.cssSelector("[data-action=toggle-charts]")).click();
            wait.until(d -> hashQuery().contains("charts=1"));
            waitPainted(By.cssSelector("[data-testid=histogram] canvas"), 500);
        } finally {
            driver.manage().window().setSize(before);
        }
        // Labels off: no class colour left on any thumbnail; captions on: more of them than boxes alone draw.
        open("explorer?scope=annotation&class=WBC");
        waitThumbnails(8);
        WebElement first = driver.findElement(By.cssSelector("[data-testid=grid] canvas.thumb.ready"));
        long boxes = pixelsOfColours(first, BCCD_CLASS_COLOURS);
        driver.findElement(By.cssSelector("[data-display=labels]")).click();
        wait.until(d -> pixelsOfColours(d.findElement(By.cssSelector("[data-testid=grid] canvas.thumb.ready")), BCCD_CLASS_COLOURS) < 10);
        driver.findElement(By.cssSelector("[data-display=labels]")).click();
        driver.findElement(By.cssSelector("[data-display=captions]")).click();
        wait.until(d -> pixelsOfColours(d.findElement(By.cssSelector("[data-testid=grid] canvas.thumb.ready")), BCCD_CLASS_COLOURS) > boxes + 100);
        screenshot("explorer-captions");
        driver.findElement(By.cssSelector("[data-display=captions]")).click();
        // A file-name search is a filter like any other: in the URL, counted by the server.
        open("explorer?path=0001");
        long total = http.get("/api/search?path=0001&limit=1").json().get("total").asLong();
        assertThat(total).isBetween(1L, 20L);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), total + " images match"));
        for (WebElement name : driver.findElements(By.cssSelector(".thumb-card .thumb-name"))) {
            assertThat(name.getAttribute("title")).contains("0001");
        }
    }

    @Test
    @Order(8)
    void atPhoneWidthNoPageScrollsSideways() throws IOException {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            long first = http.get("/api/search?limit=1").json().at("/items/0/imageId").asLong();
            for (String page : List.of("summary", "explorer", "explorer?charts=1", "labels", "models", "compare", "item/" + first)) {
                open(page);
                wait.until(d -> d.findElements(By.cssSelector(".page .spinner")).isEmpty()
                        && !d.findElements(By.cssSelector(".page > *")).isEmpty());
                if (page.equals("explorer")) {
                    waitThumbnails(2); // the filters fold away: the grid is on the first screen
                }
                if (page.equals("labels")) {
                    // the look-alike rows are the widest content: measure once they are in
                    wait.until(d -> d.findElements(By.cssSelector("[data-testid=label-agreement] .look-alikes .ranked-item")).size() > 0
                            && !d.findElements(By.cssSelector("[data-testid=label-ranking] .ranking-row, [data-testid=label-ranking] .ok-text"))
                            .isEmpty());
                }
                Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth");
                Object widest = ((JavascriptExecutor) driver).executeScript("let w = null; for (const e of document.querySelectorAll('*')) {"
                        + " const r = e.getBoundingClientRect(); if (r.right > document.documentElement.clientWidth + 1 && (!w || r.right > w.r)) w = {r: r.right, "
                        + "e: e}; } if (!w) return null; let t = ''; for (let x = w.e; x && x !== document.body; x = x.parentElement) {"
                        + " const r = x.getBoundingClientRect(); t += x.tagName + '.' + x.className + '[' + Math.round(r.left) + '-' + Math.round(r.right) + '] < '; }"
                        + " return t;");
                assertThat(overflow.intValue()).as(page + " scrolls sideways (widest: " + widest + ") by").isLessThanOrEqualTo(0);
            }
            open("explorer");
            waitThumbnails(2);
            screenshot("explorer-phone");
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Test
    @Order(1)
    void summaryShowsCountsChartsAndIssues() throws IOException {
        open("summary");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "364"));
        waitPainted(By.cssSelector(".chart canvas"), 2000);
        List<WebElement> charts = driver.findElements(By.cssSelector(".chart canvas"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(2);
        for (WebElement c : charts) {
            assertThat(paintedPixels(c)).as("a chart drew its bars").isGreaterThan(2000);
        }
        assertThat(driver.findElement(By.cssSelector(".issue-list")).getText()).contains("touching_border");
        waitThumbnails(3);
        screenshot("summary");
    }

    @Test
    @Order(2)
    void explorerFindsTheDarkestAndTheBlurriestImages() throws IOException {
        JsonNode darkest = http.get("/api/search?sort=image.perceived_brightness_p99&order=asc&limit=1").json();
        open("explorer?sort=image.perceived_brightness_p99&charts=1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".thumb-card")));
        assertThat(driver.findElement(By.cssSelector(".thumb-card .thumb-name")).getAttribute("title"))
                .isEqualTo(darkest.at("/items/0/path").asText());
        waitPainted(By.cssSelector("[data-testid=histogram] canvas"), 1000);
        waitThumbnails(8);
        screenshot("explorer-darkest");

        // Sort by the blur score through the sort menu: the URL follows, lowest (blurriest) first.
        new Select(driver.findElement(By.cssSelector("select[aria-label='Sort by']"))).selectByValue("image.blur_score_cleanvision");
        wait.until(d -> hashQuery().contains("sort=image.blur_score_cleanvision"));
        JsonNode blurriest = http.get("/api/search?sort=image.blur_score_cleanvision&order=asc&limit=1").json();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".thumb-card .thumb-name"), "title",
                blurriest.at("/items/0/path").asText()));
        driver.findElement(By.cssSelector("button[aria-label='Sort order']")).click();
        wait.until(d -> hashQuery().contains("order=desc"));
    }

    @Test
    @Order(3)
    void explorerFiltersOneClassAndTinyBoxes() throws IOException {
        open("explorer?charts=1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".thumb-card")));
        driver.findElement(By.xpath("//button[text()='Annotations']")).click();
        wait.until(d -> hashQuery().contains("scope=annotation"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("fieldset[data-facet=classes] input[value=Platelets]"))).click();
        wait.until(d -> hashQuery().contains("class=Platelets"));
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("select[aria-label='Add a metric range']"))))
                .selectByValue("annotation.relative_area");
        WebElement max = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[aria-label='annotation.relative_area max']")));
        max.sendKeys("0.002", Keys.ENTER);
        wait.until(d -> hashQuery().contains("range=annotation.relative_area%3A%3A0.002"));
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("select[aria-label='Sort by']"))))
                .selectByValue("annotation.relative_area");
        wait.until(d -> hashQuery().contains("sort=annotation.relative_area"));
        long total = http.get("/api/search?scope=annotation&class=Platelets&range=annotation.relative_area::0.002").json()
                .get("total").asLong();
        assertThat(total).isPositive();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), total + " annotations match"));
        for (WebElement name : driver.findElements(By.cssSelector(".thumb-card .thumb-name"))) {
            assertThat(name.getText()).startsWith("Platelets #");
        }
        waitPainted(By.cssSelector("[data-testid=histogram] canvas"), 500);
        waitThumbnails(Math.min(8, (int) total));
        screenshot("explorer-small-platelets");
    }

    @Test
    @Order(3)
    void aBoxOnTheScatterSetsBothRangesAndTheGridFollows() throws IOException {
        open("explorer?charts=1");
        By canvas = By.cssSelector("[data-testid=scatter] canvas");
        waitPainted(canvas, 2000);
        String x = driver.findElement(By.cssSelector("select[data-axis=x]")).getAttribute("value");
        String y = driver.findElement(By.cssSelector("select[data-axis=y]")).getAttribute("value");
        assertThat(x).isEqualTo("image.brightness");
        assertThat(y).isEqualTo("image.blur_score_cleanvision");
        WebElement chart = driver.findElement(canvas);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        screenshot("explorer-scatter");
        new Actions(driver).moveToElement(chart, -chart.getSize().getWidth() / 4, -60).clickAndHold()
                .moveByOffset(chart.getSize().getWidth() / 6, 50).moveByOffset(chart.getSize().getWidth() / 6, 50).release().perform();
        wait.until(d -> hashQuery().contains("range=" + x) && hashQuery().contains("range=" + y));
        // The filter the box wrote into the URL, sent straight to the API: the grid and the scatter count the same items.
        String query = hashQuery().substring(hashQuery().indexOf('?') + 1);
        long total = http.get("/api/search?" + query + "&limit=1").json().get("total").asLong();
        assertThat(total).isPositive().isLessThan(364);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), total + " images match"));
        JsonNode scatter = http.get("/api/scatter?" + query + "&x=" + x + "&y=" + y).json();
        assertThat(scatter.get("count").asLong()).isEqualTo(total);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".scatter-card .dist-stats"), "n " + total));
        assertThat(driver.findElements(By.cssSelector("fieldset[data-facet=ranges] .range"))).hasSize(2);
        waitPainted(canvas, 500);
        waitThumbnails(Math.min(8, (int) total));
        screenshot("explorer-scatter-selected");
    }

    @Test
    @Order(4)
    void theEmbeddingMapShowsPointsByClassAndALassoSelectsThem() throws IOException {
        open("explorer?scope=annotation&map=1&class=WBC");
        By canvas = By.cssSelector("[data-testid=embedding-map] canvas");
        waitPainted(canvas, 2000);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".map-card .dist-stats"), "meet the filter"));
        // WBC in its class colour (#f05252, class 1 of BCCD), every other object grey
        WebElement chart = driver.findElement(canvas);
        assertThat(pixelsOf(chart, 0xf0, 0x52, 0x52)).as("WBC points").isGreaterThan(50);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        screenshot("explorer-embedding-points");
        driver.findElement(By.cssSelector(".map-card [data-tool=polygon]")).click();
        wait.until(ExpectedConditions.attributeContains(By.cssSelector(".map-card [data-tool=polygon]"), "class", "active"));
        waitPainted(canvas, 2000);
        chart = driver.findElement(canvas);
        int w = chart.getSize().getWidth();
        int h = chart.getSize().getHeight();
        // a lasso drawn inside the plot (below the legend), around most of it
        int left = -w / 2 + 30;
        int top = -h / 2 + 60;
        int across = w - 60;
        int down = h - 90;
        new Actions(driver).moveToElement(chart, left, top).clickAndHold().moveByOffset(across / 2, 0).moveByOffset(across / 2, 0)
                .moveByOffset(0, down / 2).moveByOffset(0, down / 2).moveByOffset(-across / 2, 0).moveByOffset(-across / 2, 0)
                .moveByOffset(0, -down / 2).moveByOffset(0, -down / 2 + 4).release().perform();
        WebElement show = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-action=map-show]")));
        String picked = driver.findElement(By.cssSelector("[data-testid=map-selection] strong")).getText();
        long n = Long.parseLong(picked.replaceAll("[^0-9]", ""));
        assertThat(n).isPositive();
        show.click();
        wait.until(d -> hashQuery().contains("ids="));
        long expected = Math.min(n, 1000);
        long total = http.get("/api/search?" + hashQuery().substring(hashQuery().indexOf('?') + 1).replace("&map=1", "") + "&limit=1")
                .json().get("total").asLong();
        // the selection holds every point, WBC or not; the grid shows those that also meet the class filter
        assertThat(total).isPositive().isLessThanOrEqualTo(expected);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), total + " annotations match"));
    }

    @Test
    @Order(4)
    void theEmbeddingMapIsTheScatterOfItsCoordinatesAndABoxSelectsARegion() throws IOException {
        open("explorer?charts=1");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-action=embedding-map]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".scatter-card .card-head h2"), "Embedding map"));
        assertThat(driver.findElement(By.cssSelector("select[data-axis=x]")).getAttribute("value")).isEqualTo("image.embedding_map_x");
        assertThat(driver.findElement(By.cssSelector("select[data-axis=y]")).getAttribute("value")).isEqualTo("image.embedding_map_y");
        By canvas = By.cssSelector("[data-testid=scatter] canvas");
        waitPainted(canvas, 2000);
        WebElement chart = driver.findElement(canvas);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        new Actions(driver).moveToElement(chart, -chart.getSize().getWidth() / 3, -chart.getSize().getHeight() / 3).clickAndHold()
                .moveByOffset(chart.getSize().getWidth() / 4, chart.getSize().getHeight() / 4)
                .moveByOffset(chart.getSize().getWidth() / 4, chart.getSize().getHeight() / 4).release().perform();
        wait.until(d -> hashQuery().contains("range=image.embedding_map_x") && hashQuery().contains("range=image.embedding_map_y"));
        String query = hashQuery().substring(hashQuery().indexOf('?') + 1);
        long total = http.get("/api/search?" + query + "&limit=1").json().get("total").asLong();
        assertThat(total).isPositive().isLessThan(364);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), total + " images match"));
        waitThumbnails(Math.min(8, (int) total));
        screenshot("explorer-embedding-map");
    }

    @Test
    @Order(4)
    void theItemShowsItsMostSimilarImagesAndOneOpens() throws IOException {
        long id = http.get("/api/search?sort=image.brightness&limit=1").json().at("/items/0/imageId").asLong();
        JsonNode similar = http.get("/api/images/" + id + "/similar?k=12").json().get("neighbours");
        open("item/" + id);
        waitPainted(By.cssSelector("[data-testid=detail-canvas]"), 10_000);
        // Thumbnails load when they scroll into view.
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=similar] .similar-item")).size() == 12);
        List<WebElement> items = driver.findElements(By.cssSelector("[data-testid=similar] .similar-item"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'end'})", items.get(0));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=similar] canvas.thumb.ready")).size() == 12);
        assertThat(items.get(0).getAttribute("href")).endsWith("#/item/" + similar.get(0).get("imageId").asLong());
        assertThat(items.get(0).getText()).contains(String.format("%.3f", similar.get(0).get("similarity").asDouble()));
        screenshot("item-similar");
        items.get(0).click();
        wait.until(d -> hashQuery().equals("#/item/" + similar.get(0).get("imageId").asLong()));
        waitPainted(By.cssSelector("[data-testid=detail-canvas]"), 10_000);
    }

    @Test
    @Order(4)
    void theExplorerSortsByLikenessToAnItem() throws IOException {
        long first = http.get("/api/search?limit=1").json().at("/items/0/imageId").asLong();
        JsonNode similar = http.get("/api/images/" + first + "/similar?k=100").json();
        open("item/" + first);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-action=sort-by-similarity]"))).click();
        wait.until(d -> hashQuery().contains("sort=ids"));
        waitThumbnails(3);
        // the image itself, then its neighbours in order of similarity
        List<WebElement> cards = driver.findElements(By.cssSelector(".thumb-card"));
        assertThat(cards.get(0).getAttribute("data-id")).isEqualTo(String.valueOf(first));
        assertThat(cards.get(1).getAttribute("data-id")).isEqualTo(similar.at("/neighbours/0/imageId").asText());
        assertThat(cards.get(2).getAttribute("data-id")).isEqualTo(similar.at("/neighbours/1/imageId").asText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"),
                (similar.get("neighbours").size() + 1) + " images match"));
    }

    @Test
    @Order(4)
    void anItemOpensWithItsMetricsAndArrowKeysMove() throws IOException {
        open("explorer?sort=image.perceived_brightness_p99");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".thumb-card"))).click();
        wait.until(d -> hashQuery().startsWith("#/item/"));
        String first = hashQuery();
        waitPainted(By.cssSelector("[data-testid=detail-canvas]"), 10_000);
        assertThat(driver.findElements(By.cssSelector(".table.metrics tr")).size()).isGreaterThanOrEqualTo(5);
        assertThat(driver.findElement(By.cssSelector(".page-item")).getText()).contains("Perceived brightness p99");
        screenshot("item");
        driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
        wait.until(d -> !hashQuery().equals(first) && hashQuery().contains("i=1"));
        JsonNode second = http.get("/api/search?sort=image.perceived_brightness_p99&offset=1&limit=1").json();
        assertThat(hashQuery()).startsWith("#/item/" + second.at("/items/0/imageId").asLong() + "?");
        driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_LEFT);
        wait.until(d -> hashQuery().equals(first));
    }

    @Test
    @Order(5)
    void aSelectionIsTaggedAndExportedAsCoco() throws IOException, InterruptedException {
        open("explorer?class=WBC&sort=image.brightness");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".thumb-card")));
        List<WebElement> boxes = driver.findElements(By.cssSelector(".thumb-card input.select"));
        for (WebElement box : boxes.subList(0, 2)) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].click()", box);
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".selection-bar"), "2 selected"));
        driver.findElement(By.cssSelector("input[aria-label='Tag name']")).sendKeys("e2e pick");
        driver.findElement(By.cssSelector("[data-action=tag-selected]")).click();
        wait.until(d -> hashQuery().contains("tag=e2e+pick"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), "2 images match"));
        assertThat(http.get("/api/search?tag=e2e%20pick").json().get("total").asLong()).isEqualTo(2);
        waitThumbnails(2);
        screenshot("explorer-tagged");

        driver.findElement(By.cssSelector("[data-action=export-coco]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Exported"));
        Path file = null;
        for (int i = 0; i < 100 && file == null; i++) {
            try (Stream<Path> s = Files.list(downloads)) {
                file = s.filter(p -> p.toString().endsWith(".coco.json")).findFirst().orElse(null);
            }
            Thread.sleep(100);
        }
        assertThat(file).as("the COCO file was downloaded").isNotNull();
        JsonNode coco = Json.MAPPER.readTree(file.toFile());
        assertThat(coco.get("images").size()).isEqualTo(2);
        assertThat(coco.get("categories").size()).isEqualTo(3);
        assertThat(coco.get("annotations").size()).isPositive();
    }

    @Test
    @Order(5)
    void exportHonoursTheTickedItems() throws IOException, InterruptedException {
        open("explorer?class=RBC");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".thumb-card")));
        List<WebElement> boxes = driver.findElements(By.cssSelector(".thumb-card input.select"));
        for (WebElement box : boxes.subList(0, 2)) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].click()", box);
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-action=export-csv]"), "Export 2 selected"));
        try (Stream<Path> old = Files.list(downloads)) {
            old.filter(p -> p.toString().endsWith(".csv")).forEach(p -> p.toFile().delete());
        }
        driver.findElement(By.cssSelector("[data-action=export-csv]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Exported"));
        Path file = null;
        for (int i = 0; i < 100 && file == null; i++) {
            try (Stream<Path> s = Files.list(downloads)) {
                file = s.filter(p -> p.toString().endsWith(".csv")).findFirst().orElse(null);
            }
            Thread.sleep(100);
        }
        assertThat(file).as("the CSV was downloaded").isNotNull();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("a header and the 2 ticked images, not every RBC image").hasSize(3);
        ((JavascriptExecutor) driver).executeScript("document.querySelectorAll('.thumb-card input.select:checked')"
                + ".forEach((b) => b.click())");
    }

    @Test
    @Order(6)
    void labelQualityOfAClassificationProjectShowsLookAlikes(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(ClassificationProject.embedded(dir), new ServerOptions(null, 0, null))) {
            driver.get("http://127.0.0.1:" + s.port() + "/#/labels");
            wait.until(d -> d.findElements(By.cssSelector("[data-testid=label-agreement] .suspect")).size() == 8);
            wait.until(d -> d.findElements(By.cssSelector("[data-testid=label-agreement] .look-alikes .ranked-item")).size() == 8 * 6);
            assertThat(driver.findElement(By.cssSelector("[data-testid=label-agreement]")).getText()).doesNotContain("No embedding");
            // Each suspect shows its agreement score, which image-level labels now have.
            assertThat(driver.findElements(By.cssSelector("[data-testid=label-agreement] .suspect-crop .thumb-value")))
                    .allSatisfy(v -> assertThat(v.getText()).startsWith("agrees "));
            screenshot("label-quality-classification");
        }
    }

    @Test
    @Order(6)
    void labelQualityRanksAnnotationIssues() throws IOException {
        open("labels");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sec-touching_border")));
        assertThat(driver.findElement(By.cssSelector(".chips")).getText()).contains("duplicate_annotation", "tiny_object", "degenerate_box");
        wait.until(d -> d.findElements(By.cssSelector("#sec-duplicate_annotation .ranked-item")).size() > 0);
        wait.until(d -> d.findElements(By.cssSelector("#sec-shape .ranked-item")).size() == 10);
        waitThumbnails(6);
        // The label-agreement suspects come first: each beside its 6 look-alikes, lowest annotation.quality first.
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=label-agreement] .suspect")).size() == 8);
        List<WebElement> suspects = driver.findElements(By.cssSelector("[data-testid=label-agreement] .suspect"));
        JsonNode lowest = http.get("/api/search?scope=annotation&sort=annotation.quality&order=asc&limit=1").json().at("/items/0");
        assertThat(suspects.get(0).findElement(By.cssSelector(".suspect-crop")).getAttribute("href"))
                .endsWith("#/item/" + lowest.get("imageId").asLong() + "?focus=" + lowest.get("id").asLong());
        JsonNode similar = http.get("/api/annotations/" + lowest.get("id").asLong() + "/similar?k=6").json();
        assertThat(suspects.get(0).findElements(By.cssSelector(".look-alikes .ranked-item"))).hasSize(6);
        assertThat(suspects.get(0).findElement(By.cssSelector(".suggest")).getText()).contains(similar.at("/classes/0/category").asText());
        ((JavascriptExecutor) driver).executeScript("document.getElementById('sec-agreement').scrollIntoView({block: 'start'})");
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=label-agreement] canvas.thumb.ready")).size() >= 14);
        screenshot("label-quality-agreement");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("label-quality");
        // The suspect opens focused, with its look-alikes beside it.
        suspects = driver.findElements(By.cssSelector("[data-testid=label-agreement] .suspect"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", suspects.get(0).findElement(By.cssSelector(".suspect-crop")));
        wait.until(d -> hashQuery().contains("focus=" + lowest.get("id").asLong()));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=look-alikes] .ranked-item")).size() == 6);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                driver.findElement(By.cssSelector("[data-testid=look-alikes]")));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=look-alikes] canvas.thumb.ready")).size() == 6);
        assertThat(driver.findElement(By.cssSelector("[data-testid=look-alikes] .thumb-caption")).getText())
                .contains(similar.at("/neighbours/0/item/category").asText());
        screenshot("item-look-alikes");
    }

    @Test
    @Order(7)
    void modelPagesSayHowToImportPredictions() throws IOException {
        open("models");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "no prediction sets: run loupe predictions import"));
        open("compare");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".compare-sets .state"), "No detection sets"));
    }

    @Test
    @Order(7)
    void compareRanksMetricsOfTwoSplitsByKsDistance() throws IOException {
        open("compare");
        wait.until(d -> d.findElements(By.cssSelector("table.compare-table tbody tr")).size() > 0);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("select[data-side=a]"))).selectByValue("split:train");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("select[data-side=b]"))).selectByValue("split:test");
        wait.until(d -> hashQuery().contains("a=split%3Atrain") && hashQuery().contains("b=split%3Atest"));
        wait.until(d -> d.findElements(By.cssSelector(".compare-dist .stats")).stream()
                .anyMatch(e -> e.getText().toLowerCase(java.util.Locale.ROOT).contains("b · split:test")));
        JsonNode c = http.get("/api/compare/distributions?scope=image&a=split:train&b=split:test").json();
        List<WebElement> rows = driver.findElements(By.cssSelector("table.compare-table tbody tr"));
        assertThat(rows).hasSize(c.get("metrics").size());
        // ranked by D as the API ranks them, each with its small overlaid histograms drawn
        assertThat(rows.get(0).getAttribute("data-metric")).isEqualTo(c.at("/metrics/0/metricId").asText());
        assertThat(driver.findElement(By.cssSelector(".compare-dist .stats")).getText()).contains("205", "72");
        waitPainted(By.cssSelector("table.compare-table tbody tr .spark canvas"), 200);
        waitPainted(By.cssSelector(".overlay-chart canvas"), 3000);
        // a click on another metric overlays its histograms and puts it in the URL
        String other = rows.get(1).getAttribute("data-metric");
        rows.get(1).click();
        wait.until(d -> hashQuery().contains("metric=" + other));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".compare-detail-head"), other));
        waitPainted(By.cssSelector(".overlay-chart canvas"), 3000);
        // sorting by metric name
        driver.findElement(By.cssSelector("table.compare-table th[data-sort=metric]")).click();
        List<String> names = driver.findElements(By.cssSelector("table.compare-table tbody tr")).stream()
                .map(r -> r.getAttribute("data-metric")).toList();
        assertThat(names).isSorted();
        screenshot("compare");
        // a row's side B opens in the Explorer: that side's filter, sorted by the row's metric, counted as Compare counts it
        WebElement row = driver.findElements(By.cssSelector("table.compare-table tbody tr")).get(0);
        String metric = row.getAttribute("data-metric");
        String counts = row.findElements(By.cssSelector("td")).get(3).getText();
        String nB = counts.substring(counts.indexOf('/') + 1).trim().replace(",", "");
        row.findElement(By.cssSelector("a[data-side=b]")).click();
        wait.until(d -> hashQuery().startsWith("#/explorer") && hashQuery().contains("sort=" + metric));
        long total = http.get("/api/search?" + hashQuery().substring(hashQuery().indexOf('?') + 1) + "&range=" + metric + "::&limit=1")
                .json().get("total").asLong();
        assertThat(total).as("side B's items with a value").isEqualTo(Long.parseLong(nB));
    }

    @Test
    @Order(7)
    void compareShowsTwoPredictionSetsWithDeltas(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(CompareSetsApiTest.createWithChangedSet(dir), new ServerOptions(null, 0, null))) {
            Http api = new Http("http://127.0.0.1:" + s.port(), null);
            driver.get(api.base() + "/#/compare?setA=det&setB=det_changed&iou=0.50");
            JsonNode c = api.get("/api/compare/sets?a=det&b=det_changed&iou=0.5").json();
            wait.until(d -> d.findElements(By.cssSelector(".compare-sets .delta-card")).size() == 6);
            String ap = driver.findElement(By.cssSelector(".compare-sets .delta-card")).getText();
            assertThat(ap).contains(String.format(java.util.Locale.ROOT, "%.4f", c.at("/summary/AP/a").asDouble()).replaceAll("0+$", ""));
            assertThat(c.at("/summary/AP/delta").asDouble()).isNegative();
            assertThat(ap).contains("-");
            waitPainted(By.cssSelector(".ap-delta-chart canvas"), 3000);
            waitPainted(By.cssSelector(".pr-overlay-chart canvas"), 3000);
            assertThat(hashQuery()).contains("setA=det", "setB=det_changed", "iou=0.50");
            ((JavascriptExecutor) driver).executeScript("document.querySelector('.compare-sets').scrollIntoView()");
            screenshot("compare-sets");
        }
    }

    private static String fixed3(JsonNode v) {
        return v.isNull() || v.asDouble() < 0 ? "–" : String.format(java.util.Locale.ROOT, "%.3f", v.asDouble());
    }

    /** The per-class table's rows: class name to its cells' texts. */
    private static Map<String, List<String>> perClassRows() {
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        for (WebElement tr : driver.findElements(By.cssSelector("table.per-class tbody tr"))) {
            List<String> cells = tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            rows.put(cells.get(0), cells);
        }
        return rows;
    }

    /** Waits until the page shows the evaluation at an IoU and checks its numbers against the API's. */
    private static void checkEvaluation(Http api, String iou) {
        JsonNode e = api.get("/api/eval?set=det&iou=" + iou).json();
        String t = String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(iou));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "TP @ " + t));
        wait.until(d -> hashQuery().contains("iou=" + t));
        assertThat(driver.findElement(By.cssSelector("td[data-stat=AP]")).getText()).isEqualTo(fixed3(e.at("/summary/AP")));
        assertThat(driver.findElement(By.cssSelector("td[data-stat=AP50]")).getText()).isEqualTo(fixed3(e.at("/summary/AP50")));
        Map<String, List<String>> rows = perClassRows();
        assertThat(rows).hasSize(20);
        long tp = 0;
        long fn = 0;
        for (JsonNode c : e.get("perClass")) {
            List<String> cells = rows.get(c.get("name").asText());
            assertThat(cells.subList(1, 8)).as(c.get("name").asText()).containsExactly(fixed3(c.get("ap")), fixed3(c.get("ap50")),
                    fixed3(c.get("ap75")), fixed3(c.get("ar")), c.get("tp").asText(), c.get("fp").asText(), c.get("fn").asText());
            tp += Long.parseLong(cells.get(5));
            fn += Long.parseLong(cells.get(7));
        }
        assertThat(tp + fn).as("every voc100 object is a TP or an FN").isEqualTo(273);
        assertThat(driver.findElement(By.cssSelector(".stats")).getText()).contains("TP @ " + t + "\n" + e.at("/outcomes/tp").asLong());
    }

    /** Pixels of a canvas within 8 of an RGB colour in every channel (an outcome box's stroke). */
    private static long pixelsOf(WebElement canvas, int r, int g, int b) {
        Object n = ((JavascriptExecutor) driver).executeScript("const [c, r, g, b] = arguments; if (!c.width) return 0;"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) <= 8 && Math.abs(d[i + 1] - g) <= 8 "
                + "&& Math.abs(d[i + 2] - b) <= 8) n++; return n;", canvas, r, g, b);
        return ((Number) n).longValue();
    }

    @Test
    @Order(7)
    void explorerShowsFalsePositivesOfASetInRed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(Voc100Project.create(dir), new ServerOptions(null, 0, null))) {
            Http api = new Http("http://127.0.0.1:" + s.port(), null);
            driver.get(api.base() + "/#/explorer");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-scope=prediction]"))).click();
            wait.until(d -> d.getCurrentUrl().contains("scope=prediction") && d.getCurrentUrl().contains("set=det"));
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-facet=outcomes] input[value=fp]"))).click();
            wait.until(d -> d.getCurrentUrl().contains("outcome=fp"));
            // the reference count of FP at IoU 0.5 on voc100
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), "226 predictions match"));
            waitThumbnails(6);
            List<WebElement> pills = driver.findElements(By.cssSelector(".thumb-card .outcome-pill"));
            assertThat(pills).isNotEmpty().allSatisfy(p -> assertThat(p.getText()).startsWith("FP · "));
            assertThat(driver.findElement(By.cssSelector("[data-testid=outcome-legend]")).getText()).contains("TP", "FP", "FN");
            List<WebElement> thumbs = driver.findElements(By.cssSelector("canvas.thumb.ready"));
            for (WebElement t : thumbs.subList(0, 6)) {
                assertThat(pixelsOf(t, 239, 68, 68)).as("red FP box on a thumbnail").isGreaterThan(40);
            }
            ((JavascriptExecutor) driver).executeScript("document.querySelector('[data-testid=outcome-legend]').scrollIntoView()");
            waitThumbnails(16);
            screenshot("explorer-false-positives");

            driver.findElements(By.cssSelector(".thumb-card")).get(0).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=outcomes]")));
            waitPainted(By.cssSelector("canvas.detail-canvas.ready"), 10_000);
            WebElement canvas = driver.findElement(By.cssSelector("canvas.detail-canvas"));
            wait.until(d -> pixelsOf(canvas, 239, 68, 68) > 100);
            assertThat(driver.findElement(By.cssSelector("[data-testid=outcomes]")).getText()).contains("FP · ");
            screenshot("item-outcomes");

            // Images with a missed ground truth: 47 FN; the misses are drawn dashed amber.
            driver.get(api.base() + "/#/explorer?scope=annotation&set=det&outcome=fn");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), "47 annotations match"));
            waitThumbnails(4);
            WebElement first = driver.findElements(By.cssSelector("canvas.thumb.ready")).get(0);
            assertThat(pixelsOf(first, 245, 158, 11)).as("dashed amber FN box").isGreaterThan(20);
        }
    }

    @Test
    @Order(7)
    void modelQualityShowsTheEvaluationAtTheChosenIou(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(Voc100Project.create(dir), new ServerOptions(null, 0, null))) {
            Http api = new Http("http://127.0.0.1:" + s.port(), null);
            driver.get(api.base() + "/#/models");
            checkEvaluation(api, "0.5");
            for (String chart : List.of("fp-reasons", "pr-curves", "recall-by-metric", "precision-by-metric")) {
                waitPainted(By.cssSelector("[data-testid=" + chart + "] canvas"), 3000);
            }
            assertThat(driver.findElement(By.cssSelector(".page-models")).getText())
                    .contains("Precision–recall curves @ IoU 0.50", "Metric importance", "Worst slices", "Recall of ground truths");
            assertThat(driver.findElements(By.cssSelector("table.importance tbody tr")).size()).isBetween(1, 10);
            screenshot("model-quality");
            ((JavascriptExecutor) driver).executeScript("document.querySelector('[data-testid=pr-curves]').scrollIntoView()");
            screenshot("model-quality-curves");
            ((JavascriptExecutor) driver).executeScript("document.querySelector('table.importance').scrollIntoView()");
            screenshot("model-quality-analysis");
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");

            // Sorting by FN puts the class with the most misses first.
            driver.findElement(By.xpath("//table[contains(@class,'per-class')]//th[text()='FN']")).click();
            List<WebElement> first = driver.findElements(By.cssSelector("table.per-class tbody tr"));
            long maxFn = perClassRows().values().stream().mapToLong(r -> Long.parseLong(r.get(7))).max().orElseThrow();
            assertThat(Long.parseLong(first.get(0).findElements(By.tagName("td")).get(7).getText())).isEqualTo(maxFn);

            // The slider moves one step: counts and curves follow, the URL too.
            WebElement slider = driver.findElement(By.cssSelector("input[aria-label='IoU threshold']"));
            slider.sendKeys(Keys.ARROW_RIGHT);
            checkEvaluation(api, "0.55");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-models"), "Precision–recall curves @ IoU 0.55"));
            waitPainted(By.cssSelector("[data-testid=pr-curves] canvas"), 3000);

            // An IoU below COCO's range in the URL: counts at 0.30, curves at 0.50.
            driver.get(api.base() + "/#/models?set=det&iou=0.3");
            checkEvaluation(api, "0.3");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-models"), "Precision–recall curves @ IoU 0.50"));
            waitPainted(By.cssSelector("[data-testid=pr-curves] canvas"), 3000);
        }
    }

    @Test
    @Order(7)
    void severalProjectsAndASwitcher(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(List.of(BccdProject.get(), ClassificationProject.create(dir)),
                new ServerOptions(null, 0, null), null)) {
            driver.get("http://127.0.0.1:" + s.port() + "/");
            wait.until(d -> d.getCurrentUrl().contains("/p/bccd/"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "364"));
            WebElement switcher = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("select.project-switcher")));
            assertThat(new Select(switcher).getOptions()).hasSize(2);
            new Select(switcher).selectByValue("/p/classes/");
            wait.until(d -> d.getCurrentUrl().contains("/p/classes/"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "28"));
            driver.get("http://127.0.0.1:" + s.port() + "/p/classes/#/explorer");
            waitThumbnails(4);
            screenshot("projects-switcher");
        }
    }

    @Test
    @Order(7)
    void labelQualityRanksLabelErrorsAndAReviewerConfirmsOne(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(Voc100Project.create(dir), new ServerOptions(null, 0, null))) {
            Http api = new Http("http://127.0.0.1:" + s.port(), null);
            JsonNode ranking = api.get("/api/label-issues?kind=label&limit=24").json();
            driver.get(api.base() + "/#/labels");
            wait.until(d -> d.findElements(By.cssSelector("[data-testid=label-ranking] .ranking-row")).size()
                    == ranking.get("entries").size());
            WebElement first = driver.findElement(By.cssSelector("[data-testid=label-ranking] .ranking-row"));
            assertThat(first.getText()).contains(ranking.at("/entries/0/reason").asText());
            waitThumbnails(3);
            screenshot("label-quality-ranking");
            first.findElement(By.cssSelector("[data-action=confirm-error]")).click();
            wait.until(ExpectedConditions.textToBePresentInElement(first.findElement(By.cssSelector(".verdict")), "confirmed"));
            JsonNode e = ranking.at("/entries/0");
            String scope = e.get("annotationId").isNull() ? "image" : "annotation";
            long tagged = api.get("/api/search?scope=" + scope + "&tag=label-error").json().get("total").asLong();
            assertThat(tagged).isEqualTo(1);
            // changing one's mind moves the item to the other tag
            first.findElement(By.cssSelector("[data-action=not-an-error]")).click();
            wait.until(ExpectedConditions.textToBePresentInElement(first.findElement(By.cssSelector(".verdict")), "not an error"));
            assertThat(api.get("/api/search?scope=" + scope + "&tag=label-error").json().get("total").asLong()).isZero();
            assertThat(api.get("/api/search?scope=" + scope + "&tag=not-label-error").json().get("total").asLong()).isEqualTo(1);
        }
    }

    @Test
    @Order(7)
    void maskThumbnailsDrawTheirMasks(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path vos = Path.of(System.getProperty("loupe.shared", "/work/shared")).resolve("data/encord-examples/video_frames_boxes_masks");
        Path project = dir.resolve("masks");
        dev.loupe.formats.masks.InstanceMaskImporter importer = new dev.loupe.formats.masks.InstanceMaskImporter(
                vos.resolve("JPEGImages"), vos.resolve("Annotations"));
        dev.loupe.store.ProjectStore.create(project, new dev.loupe.store.ImportSource(importer.format(), vos.resolve("JPEGImages"),
                vos.resolve("Annotations").toString(), Map.of()), importer::read);
        try (LoupeServer s = LoupeServer.start(project, new ServerOptions(null, 0, null))) {
            driver.get("http://127.0.0.1:" + s.port() + "/#/explorer");
            waitThumbnails(6);
            // the masks are tinted over the frames: turning the labels off changes many pixels of every thumbnail
            screenshot("explorer-masks");
            ((JavascriptExecutor) driver).executeScript("window.before = [...document.querySelectorAll('[data-testid=grid] canvas.thumb.ready')]"
                    + ".map((c) => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.slice());");
            driver.findElement(By.cssSelector("[data-display=labels]")).click();
            List<?> changed = (List<?>) ((JavascriptExecutor) driver).executeScript(
                    "return [...document.querySelectorAll('[data-testid=grid] canvas.thumb.ready')].map((c, k) => {"
                            + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const b = window.before[k]; let n = 0;"
                            + " for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - b[i]) + Math.abs(d[i + 1] - b[i + 1]) + Math.abs(d[i + 2] - b[i + 2]) > 30) n++;"
                            + " return n; });");
            driver.findElement(By.cssSelector("[data-display=labels]")).click();
            assertThat(changed).isNotEmpty().allSatisfy(n -> assertThat(((Number) n).longValue()).as("pixels a mask tints").isGreaterThan(300));
        }
    }

    @Test
    @Order(7)
    void everyNumberOfModelQualityOpensItsItems(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(Voc100Project.create(dir), new ServerOptions(null, 0, null))) {
            Http api = new Http("http://127.0.0.1:" + s.port(), null);
            JsonNode eval = api.get("/api/eval?set=det&iou=0.5").json();
            // voc100's grid with its labels and class names, for the README
            driver.get(api.base() + "/#/explorer");
            waitThumbnails(8);
            driver.findElement(By.cssSelector("[data-display=captions]")).click();
            screenshot("explorer-voc100");
            driver.findElement(By.cssSelector("[data-display=captions]")).click();
            driver.get(api.base() + "/#/models?set=det&iou=0.50");
            // The FN card: the 47 ground truths the set missed.
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(@class,'stat')][.//div[starts-with(text(),'FN @')]]"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), "47 annotations match"));
            assertThat(hashQuery()).contains("outcome=fn", "set=det");
            // An FP reason: its predictions.
            driver.get(api.base() + "/#/models?set=det&iou=0.50");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=fp-background]"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), "166 predictions match"));
            // A per-class FN cell: that class's misses.
            JsonNode person = null;
            for (JsonNode c : eval.get("perClass")) {
                if (c.get("name").asText().equals("person")) {
                    person = c;
                }
            }
            driver.get(api.base() + "/#/models?set=det&iou=0.50");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.per-class a.cell-link")));
            WebElement fn = driver.findElement(By.xpath("//table[contains(@class,'per-class')]//tr[.//a[text()='person']]/td[8]/a"));
            fn.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"),
                    person.get("fn").asLong() + " annotations match"));
            // A cell of the detection confusion matrix: the persons the set missed (row person, column background).
            JsonNode confusion = api.get("/api/eval/confusion?set=det&iou=0.5&score=0.25").json();
            List<String> names = new java.util.ArrayList<>();
            confusion.get("classes").forEach(n -> names.add(n.asText()));
            int row = names.indexOf("person");
            int column = names.size() - 1;
            long missedPersons = confusion.get("counts").get(row).get(column).asLong();
            driver.get(api.base() + "/#/models?set=det&iou=0.50");
            By heatCanvas = By.cssSelector("[data-testid=detection-confusion] canvas");
            wait.until(d -> d.findElements(heatCanvas).stream().mapToLong(BrowserTest::paintedPixels).max().orElse(0) >= 20_000);
            WebElement heat = driver.findElement(heatCanvas);
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", heat);
            List<?> xy = (List<?>) ((JavascriptExecutor) driver).executeScript(
                    "return document.querySelector('[data-testid=detection-confusion]').chart.convertToPixel({seriesIndex: 0}, [arguments[0], arguments[1]]);",
                    column, row);
            screenshot("model-quality-confusion");
            new Actions(driver).moveToElement(heat, ((Number) xy.get(0)).intValue() - heat.getSize().getWidth() / 2,
                    ((Number) xy.get(1)).intValue() - heat.getSize().getHeight() / 2).click().perform();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), missedPersons + " annotations match"));
            assertThat(hashQuery()).contains("ids=");

            // The worst slice by recall: the Explorer counts the slice's objects.
            JsonNode slice = eval.at("/worstSlices/byRecall/0");
            if (!slice.isMissingNode()) {
                driver.get(api.base() + "/#/models?set=det&iou=0.50");
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".slice-list a.slice-desc"))).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"),
                        slice.get("count").asLong() + " annotations match"));
            }
        }
    }

    @Test
    @Order(7)
    void theConfusionMatrixOpensItsCellsAndThumbnailsShowThePrediction(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(ClassificationProject.create(dir), new ServerOptions(null, 0, null))) {
            Http api = new Http("http://127.0.0.1:" + s.port(), null);
            // By hand (ClassificationProject): dog/1 and dog/2 are taken for horses, cat/7 for a dog.
            assertThat(api.get("/api/search?classifier=clf&wrong=1").json().get("total").asLong()).isEqualTo(3);
            assertThat(api.get("/api/search?classifier=clf&class=dog&predicted=horse").json().get("total").asLong()).isEqualTo(2);
            driver.get(api.base() + "/#/models?set=clf");
            wait.until(d -> d.findElements(By.cssSelector("[data-testid=confusion] canvas")).stream()
                    .mapToLong(BrowserTest::paintedPixels).max().orElse(0) >= 20_000);
            driver.findElement(By.cssSelector("[data-testid=misclassified]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), "3 images match"));
            waitThumbnails(3);
            List<WebElement> top1 = driver.findElements(By.cssSelector("[data-testid=top1]"));
            assertThat(top1).hasSize(3).allSatisfy(t -> assertThat(t.getAttribute("class")).contains("differs"));
            assertThat(top1.stream().map(WebElement::getText).toList()).contains("→ dog 0.60", "→ horse 0.50");
            screenshot("explorer-misclassified");
            // The item shows the set's probabilities, its label marked.
            driver.findElements(By.cssSelector(".thumb-card")).get(0).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=class-probabilities]"), "Predicted"));
            assertThat(driver.findElement(By.cssSelector("[data-testid=class-probabilities]")).getText()).contains("(label)");
            // A cell of the matrix: true dog, predicted horse.
            driver.get(api.base() + "/#/models?set=clf");
            WebElement heat = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=confusion] canvas")));
            wait.until(d -> d.findElements(By.cssSelector("[data-testid=confusion] canvas")).stream()
                    .mapToLong(BrowserTest::paintedPixels).max().orElse(0) >= 20_000);
            // The cell's pixel (column predicted horse, row true dog; classes in id order: cat, dog, horse).
            List<?> xy = (List<?>) ((JavascriptExecutor) driver).executeScript(
                    "const el = document.querySelector('[data-testid=confusion]'); const names = ['cat', 'dog', 'horse'];"
                            + "return el.chart.convertToPixel({seriesIndex: 0}, [names.indexOf('horse'), names.indexOf('dog')]);");
            new Actions(driver).moveToElement(heat, ((Number) xy.get(0)).intValue() - heat.getSize().getWidth() / 2,
                    ((Number) xy.get(1)).intValue() - heat.getSize().getHeight() / 2).click().perform();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subtitle"), "2 images match"));
            assertThat(hashQuery()).contains("classifier=clf", "class=dog", "predicted=horse");
        }
    }

    @Test
    @Order(7)
    void modelQualityOfAClassificationSet(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(ClassificationProject.create(dir), new ServerOptions(null, 0, null))) {
            driver.get("http://127.0.0.1:" + s.port() + "/#/models?set=clf");
            // By hand (ClassificationProject): 25 of 28 right; dog: precision 7/8, recall 7/9, F1 0.824.
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "0.8929"));
            // ECharts draws the heatmap's cells on a canvas layer of their own.
            wait.until(d -> d.findElements(By.cssSelector("[data-testid=confusion] canvas")).stream()
                    .mapToLong(BrowserTest::paintedPixels).max().orElse(0) >= 20_000);
            Map<String, List<String>> rows = perClassRows();
            assertThat(rows.keySet()).containsExactlyInAnyOrder("cat", "dog", "horse");
            assertThat(rows.get("dog").subList(1, 6)).containsExactly("0.875", "0.778", "0.824", "9", "8");
            assertThat(rows.get("horse").subList(1, 6)).containsExactly("0.857", "1.000", "0.923", "12", "14");
            assertThat(driver.findElement(By.cssSelector(".iou-control")).isDisplayed()).isFalse();
            screenshot("model-quality-classification");
        }
    }

    @Test
    @Order(8)
    void darkThemeAndErrorsRender() throws IOException {
        open("explorer?scope=annotation&sort=annotation.shape_anomaly&order=desc&charts=1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".thumb-card")));
        String before = (String) ((JavascriptExecutor) driver).executeScript("return document.documentElement.dataset.theme");
        driver.findElement(By.cssSelector(".theme-toggle")).click();
        wait.until(d -> !before.equals(((JavascriptExecutor) d).executeScript("return document.documentElement.dataset.theme")));
        if ("dark".equals(((JavascriptExecutor) driver).executeScript("return document.documentElement.dataset.theme"))) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".thumb-card")));
            waitPainted(By.cssSelector("[data-testid=histogram] canvas"), 500);
            waitThumbnails(8);
            screenshot("explorer-dark");
        }
        // A filter naming an unknown class shows the server's message, not a blank page.
        open("explorer?class=NoSuchClass");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state.error"), "unknown class 'NoSuchClass'"));
    }

    @Test
    @Order(9)
    void withATokenThePageAsksForItAndTheLinkHandsItOver() throws IOException {
        String token = "browser-test-token-0123";
        try (LoupeServer s = LoupeServer.start(BccdProject.get(), new ServerOptions(null, 0, token))) {
            String base = "http://127.0.0.1:" + s.port();
            driver.get(base + "/#/summary");
            ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); location.reload();");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".token-form"), "This server needs a token"));
            driver.get(base + "/#token=" + token);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "364"));
            assertThat(driver.getCurrentUrl()).doesNotContain(token);
            driver.get(base + "/#/explorer?sort=image.brightness");
            waitThumbnails(4); // thumbnails, too, are fetched with the token
        }
    }

    /**
     * CSRF from a second origin: a page served by another server (another port, so another
     * origin, same site) makes this browser post to the API in every way a page can without
     * CORS: "simple" fetches (text/plain, no content type) and a text/plain form. The app's own
     * tagging (test 5) still works; these change nothing.
     */
    @Test
    @Order(10)
    void aPageOfAnotherOriginCannotChangeTheProject() throws IOException, InterruptedException {
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = "<!doctype html><title>another site</title><iframe name=sink></iframe>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        other.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        other.start();
        try {
            driver.get("http://127.0.0.1:" + other.getAddress().getPort() + "/");
            Object sent = ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const api = arguments[0] + '/api/tags/';
                    const all = JSON.stringify({name: 'csrf-browser'});
                    const some = JSON.stringify({name: 'csrf-browser', scope: 'image', ids: [1, 2, 3]});
                    const form = document.createElement('form');
                    form.method = 'POST'; form.enctype = 'text/plain'; form.target = 'sink'; form.action = api + 'matching';
                    const field = document.createElement('input');
                    field.name = '{"name":"csrf-browser","x":"'; field.value = '"}';
                    form.appendChild(field); document.body.appendChild(form); form.submit();
                    Promise.allSettled([
                      fetch(api + 'matching', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: all}),
                      fetch(api + 'add', {method: 'POST', mode: 'no-cors', body: some}),
                      fetch(api + 'add', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: some}),
                    ]).then(r => done(r.map(x => x.status).join(',')));
                    """, http.base());
            // The no-cors fetches reached the server (opaque responses); the JSON one needed a preflight that is never granted.
            assertThat(sent).isEqualTo("fulfilled,fulfilled,rejected");
            Thread.sleep(500); // the form's navigation
            assertThat(http.get("/api/tags").text()).doesNotContain("csrf-browser");
        } finally {
            other.stop(0);
        }
    }
}
