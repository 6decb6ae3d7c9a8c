package api_test

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/api"
)

var screenshot = flag.String("screenshot", "", "save a PNG of the search page after the browser test to this file")

// chromiumPath finds Debian's chromium; the browser test fails, never
// skips, without it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "/usr/bin/chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is not installed; the search page is tested in a real headless browser. " +
		"Install it with: apt-get install -y chromium (Debian), then run the tests again")
	return ""
}

// newBrowser starts headless Chromium with a fresh profile and the flags
// that work in this sandbox; it is stopped when the test ends, and all of
// it, the browser included, within 25 seconds.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	profile, err := os.MkdirTemp("", "modelwire-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Chromium's helpers may write for a moment after it stops.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}
	bounded, cancelTimeout := context.WithTimeout(context.Background(), 25*time.Second)
	alloc, cancelAlloc := chromedp.NewExecAllocator(bounded, opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc(); cancelTimeout() })
	return ctx
}

// within is a poll that fails after ten seconds.
func within(expr string) chromedp.Action[bool] {
	return chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(10*time.Second))
}

// textContent returns the textContent of the first element matching a
// CSS selector (as written, whatever CSS transforms).
func textContent(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("reading %s: %v", css, err)
	}
	return strings.Join(strings.Fields(s), " ")
}

// text returns the text of the first element matching a CSS selector.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("reading %s: %v", css, err)
	}
	return s
}

// TestBrowserSearchAndLiveReleases drives the search page in headless
// Chromium as a person would: type a query, submit, read the results,
// narrow by a facet; then a release is published on NATS and must appear
// in the live panel, and a corroboration must update it.
func TestBrowserSearchAndLiveReleases(t *testing.T) {
	f := newFixture(t, api.Options{})
	ctx := newBrowser(t)
	queryBox := chromedp.CSS(`#search input[name=q]`)

	err := chromedp.Do(ctx,
		chromedp.Navigate(f.srv.URL+"/"),
		chromedp.WaitVisible(queryBox),
		chromedp.SendKeys(queryBox, "reasoning"),
	)
	if err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#search button[type=submit]`)))
	if err != nil {
		t.Fatalf("submitting the query: %v", err)
	}
	if resp.Status != 200 || !strings.HasSuffix(resp.URL, "/?q=reasoning") {
		t.Fatalf("submitted to %s, status %d", resp.URL, resp.Status)
	}
	if total := text(t, ctx, ".total"); !strings.Contains(total, "of 2 matching articles") {
		t.Errorf("total %q, want 2 matching articles", total)
	}
	if hit := text(t, ctx, "li.hit h3"); !strings.Contains(hit, "DeepSeek-R1") && !strings.Contains(hit, "Qwen3") {
		t.Errorf("first hit %q", hit)
	}
	if marked := text(t, ctx, "li.hit .snippet mark"); !strings.EqualFold(marked, "reasoning") {
		t.Errorf("highlighted %q, want the query word", marked)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("li.hit").length`)); err != nil || n != 2 {
		t.Errorf("%d hits shown (%v), want 2", n, err)
	}

	// Narrow by the vendor facet.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`nav.facets a[href*="vendor=deepseek"]`))); err != nil {
		t.Fatalf("clicking a facet: %v", err)
	}
	if total := text(t, ctx, ".total"); !strings.Contains(total, "of 1 matching articles") {
		t.Errorf("after the vendor facet: %q", total)
	}

	// The live panel: wait until its stream is open, publish a release.
	if _, err := chromedp.Run(ctx, within(`document.getElementById("live-status").textContent === "live"`)); err != nil {
		t.Fatalf("the live panel did not connect: %v", err)
	}
	f.publish(t, releaseEvent(event.KindRelease, "zhipu", "GLM-4.5", "https://news.example/glm-4-5"))
	const item = `#release-list li[data-key="zhipu.glm-4-5"]`
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(item))); err != nil {
		t.Fatalf("the published release did not appear: %v", err)
	}
	got := text(t, ctx, item)
	for _, want := range []string{"GLM-4.5", "zhipu", "GLM-4.5 released", "1 source"} {
		if !strings.Contains(got, want) {
			t.Errorf("release item %q lacks %q", got, want)
		}
	}

	// A corroboration updates the same item instead of adding one.
	f.publish(t, releaseEvent(event.KindCorroboration, "zhipu", "GLM-4.5", "https://news.example/glm-4-5", "https://other.example/glm"))
	if _, err := chromedp.Run(ctx, within(`document.querySelector('`+item+` .sources').textContent === "2 sources"`)); err != nil {
		t.Fatalf("the corroboration did not update the item (%q): %v", text(t, ctx, item), err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+item+`').length`)); err != nil || n != 1 {
		t.Errorf("%d items for the release (%v), want 1", n, err)
	}

	if *screenshot != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserSearchWithoutJavaScript checks that the query form works with
// scripts disabled: it is a plain GET form.
func TestBrowserSearchWithoutJavaScript(t *testing.T) {
	f := newFixture(t, api.Options{})
	ctx := newBrowser(t)
	queryBox := chromedp.CSS(`#search input[name=q]`)
	noScripts := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(ctx, noScripts, chromedp.Navigate(f.srv.URL+"/"), chromedp.WaitVisible(queryBox), chromedp.SendKeys(queryBox, "zebrafinch")); err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.SendKeys(queryBox, "\r"))
	if err != nil {
		t.Fatalf("pressing Enter in the query box: %v", err)
	}
	if !strings.HasSuffix(resp.URL, "/?q=zebrafinch") {
		t.Errorf("the form went to %s", resp.URL)
	}
	if total := text(t, ctx, ".total"); !strings.Contains(total, "of 1 matching articles") {
		t.Errorf("total %q", total)
	}
	if status := text(t, ctx, "#live-status"); status != "" {
		t.Errorf("scripts ran although disabled: live status %q", status)
	}
}

var timelineShot = flag.String("timeline-screenshot", "", "save PNGs of the search page with its timeline and of a model page to FILE and FILE.model.png")

// TestBrowserTimelineAndModelPage drives the release timeline and a model
// page in headless Chromium: the chart is there, a bar filters the
// results, the range form zooms, the panel dates releases by their
// announcement, and its link leads to the model's page with its sources
// and claims, and from there to all its articles.
func TestBrowserTimelineAndModelPage(t *testing.T) {
	f := newFixture(t, api.Options{})
	f.indexReleases(t, fixtureReleases()...)
	ctx := newBrowser(t)
	count := func(css string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(css)+`).length`))
		if err != nil {
			t.Fatalf("counting %s: %v", css, err)
		}
		return n
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(f.srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`svg#timeline-chart`))); err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	// Five releases over six weeks: weekly bars, one per vendor and week.
	if n := count(`svg#timeline-chart a.bar rect`); n != 5 {
		t.Errorf("%d bars, want 5", n)
	}
	if title := textContent(t, ctx, "#timeline-title"); !strings.HasPrefix(title, "Releases by week") {
		t.Errorf("chart title %q", title)
	}
	if legend := text(t, ctx, ".legend"); !strings.Contains(legend, "deepseek") || !strings.Contains(legend, "moonshot") || !strings.Contains(legend, "qwen") {
		t.Errorf("legend %q", legend)
	}
	// The panel: announced 2025-01-20, first seen (secondary) 2025-01-23.
	const r1 = `#release-list li[data-key="deepseek.deepseek-r1"]`
	if got := text(t, ctx, r1+" time.announced"); got != "2025-01-20" {
		t.Errorf("announced %q", got)
	}
	if got := text(t, ctx, r1+" .first-seen"); got != "first seen 2025-01-23" {
		t.Errorf("first seen %q", got)
	}
	if *timelineShot != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(*timelineShot, png, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}

	// A bar filters the results to its vendor and week.
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`svg#timeline-chart a.bar[data-vendor="moonshot"] rect`)))
	if err != nil {
		t.Fatalf("clicking a bar: %v", err)
	}
	for _, want := range []string{"since=2025-01-20", "until=2025-01-27", "vendor=moonshot"} {
		if !strings.Contains(resp.URL, want) {
			t.Errorf("the bar led to %s, without %s", resp.URL, want)
		}
	}
	if total := text(t, ctx, ".total"); !strings.Contains(total, "of 1 matching articles") {
		t.Errorf("after the bar: %q", total)
	}
	if hit := text(t, ctx, "li.hit h3"); !strings.Contains(hit, "Kimi K2") {
		t.Errorf("hit %q", hit)
	}
	if n := count(`svg#timeline-chart a.bar.selected`); n != 3 {
		t.Errorf("%d bars marked selected, want the week's 3", n)
	}

	// The range form zooms: dates, then the Zoom button; choosing months
	// redraws at once.
	err = chromedp.Do(ctx,
		chromedp.Navigate(f.srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`#timeline-range`)),
		chromedp.SetValue(chromedp.CSS(`#timeline-range input[name=from]`), "2025-01-01"),
		chromedp.SetValue(chromedp.CSS(`#timeline-range input[name=to]`), "2025-01-31"),
	)
	if err != nil {
		t.Fatalf("setting the range: %v", err)
	}
	if resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#timeline-range button[type=submit]`))); err != nil || resp == nil {
		t.Fatalf("zooming: %v", err)
	}
	if !strings.Contains(resp.URL, "from=2025-01-01") || !strings.Contains(resp.URL, "to=2025-01-31") {
		t.Errorf("zoomed to %s", resp.URL)
	}
	if title := textContent(t, ctx, "#timeline-title"); !strings.Contains(title, "3 releases, 2024-12-30 – 2025-02-02") {
		t.Errorf("zoomed chart title %q", title)
	}
	err = chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#timeline-range input[name=from]`), "2024-12-01"))
	if err == nil {
		resp, err = chromedp.RunResponse(ctx, chromedp.SetValue(chromedp.CSS(`#timeline-range select[name=every]`), "month"))
	}
	if err != nil || resp == nil {
		t.Fatalf("choosing months: %v", err)
	}
	if !strings.Contains(resp.URL, "every=month") || !strings.Contains(resp.URL, "from=2024-12-01") {
		t.Errorf("months at %s", resp.URL)
	}
	if title := textContent(t, ctx, "#timeline-title"); !strings.HasPrefix(title, "Releases by month") || !strings.Contains(title, "5 releases, 2024-12-01 – 2025-01-31") {
		t.Errorf("chart title by month %q", title)
	}
	if labels := textContent(t, ctx, "svg#timeline-chart"); !strings.Contains(labels, "Dec") || !strings.Contains(labels, "Jan 2025") {
		t.Errorf("month labels %q", labels)
	}
	if n := count(`svg#timeline-chart a.bar rect`); n != 5 {
		t.Errorf("%d bars by month, want 5", n)
	}

	// The panel's link opens the model page.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(r1+" a.model"))); err != nil {
		t.Fatalf("opening the model page: %v", err)
	}
	if h1 := text(t, ctx, "h1#model-name"); h1 != "DeepSeek-R1" {
		t.Errorf("model page heading %q", h1)
	}
	if n := count(`#sources ol.sources li`); n != 1 {
		t.Errorf("%d sources listed", n)
	}
	if src := text(t, ctx, `#sources li.announcing`); !strings.Contains(src, "DeepSeek releases DeepSeek-R1, an open reasoning model") || !strings.Contains(src, "2025-01-20") {
		t.Errorf("source %q", src)
	}
	if n := count(`#claims table.claims tbody tr`); n != 2 {
		t.Errorf("%d claims in the table, want 2", n)
	}
	if params := text(t, ctx, "#params"); params != "671B (37B active)" {
		t.Errorf("parameters %q", params)
	}
	if *timelineShot != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(*timelineShot+".model.png", png, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("#search-all"))); err != nil {
		t.Fatalf("searching its articles: %v", err)
	}
	if total := text(t, ctx, ".total"); !strings.Contains(total, "of 1 matching articles") {
		t.Errorf("its articles: %q", total)
	}
}
