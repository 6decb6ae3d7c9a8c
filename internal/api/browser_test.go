package api_test

import (
	"context"
	"flag"
	"os"
	"os/exec"
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
