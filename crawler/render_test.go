package crawler

import (
	"net/http"
	"strings"
	"testing"
)

func TestNeedsRendering(t *testing.T) {
	bundle := "<script>" + strings.Repeat("var a=1;", 200) + "</script>"
	article := "<p>" + strings.Repeat("DeepSeek released a new open-weight model today. ", 10) + "</p>"
	tests := []struct {
		name string
		page string
		want bool
	}{
		{"empty root and a bundle", `<html><head><script src="/app.js"></script></head><body><div id="root"></div></body></html>`, true},
		{"loading text and an inline bundle", `<html><body><div id="app">Loading…</div>` + bundle + `</body></html>`, true},
		{"noscript text does not count", `<html><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div><script src="/main.js"></script></body></html>`, true},
		{"server-rendered article with scripts", `<html><head><script src="/analytics.js"></script></head><body>` + article + bundle + `</body></html>`, false},
		{"short page without scripts", `<html><body><p>Moved.</p></body></html>`, false},
		{"only a small tracking snippet", `<html><body><div id="root"></div><script>window.dataLayer=[];</script></body></html>`, false},
		{"text in a template does not count", `<html><body><template>` + article + `</template><script src="/x.js"></script></body></html>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := needsRendering([]byte(tt.page)); got != tt.want {
				t.Errorf("needsRendering = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRenderWithoutBrowser: a source that renders its pages, on a crawler
// without a browser, fails its pass clearly and fetches nothing; other
// sources are not affected.
func TestRenderWithoutBrowser(t *testing.T) {
	page := htmlPage("A", "<p>"+strings.Repeat("Plain text. ", 30)+"</p>")
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(page))
	}))
	c, pub, logs := newTestCrawler(t, Config{})
	snap := crawl(t, c, Source{Name: "spa", StartURLs: []string{srv.URL + "/"}, Render: RenderChromium})
	if snap.Failed["no_browser"] != 1 || len(srv.log()) != 0 || len(pub.all()) != 0 || snap.Rendered != 0 {
		t.Errorf("failed %v, %d requests, %d pages; want no_browser and nothing fetched", snap.Failed, len(srv.log()), len(pub.all()))
	}
	if !hasLine(logs.String(), "install Chromium") {
		t.Errorf("log does not say what to do:\n%s", logs)
	}
	snap = crawl(t, c, Source{Name: "plain", StartURLs: []string{srv.URL + "/"}})
	if snap.Fetched != 1 || snap.FailedTotal() != 0 {
		t.Errorf("a plain source next to it fetched %d pages, want 1", snap.Fetched)
	}
}
