package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/api"
	"github.com/modelwire/modelwire/internal/modelpage"
)

type modelResponse struct {
	modelpage.Model
	Links struct{ Page, Search, Feed string } `json:"links"`
}

func TestModelAPI(t *testing.T) {
	f := newFixture(t, api.Options{})
	f.indexReleases(t, fixtureReleases()...)

	resp, body := get(t, f.srv.URL+"/api/models/deepseek.deepseek-r1")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var m modelResponse
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if m.ID != "deepseek.deepseek-r1" || m.Name != "DeepSeek-R1" || m.Vendor != "deepseek" || m.ParamsTotalB != 671 ||
		m.ParamsActiveB != 37 || m.License != "MIT" || !m.OpenWeights || m.Confidence != 0.9 {
		t.Errorf("model %+v", m.Model)
	}
	a := m.Announcement
	if !a.Date.Equal(t0) || a.URL != "https://news.example/deepseek-r1" || a.Title != "DeepSeek-R1 released" || a.Evidence != "DeepSeek-R1 is released today." || a.Site != "news.example" {
		t.Errorf("announcement %+v", a)
	}
	if len(m.Sources) != 1 || m.Sources[0].Title != "DeepSeek releases DeepSeek-R1, an open reasoning model" || !m.Sources[0].Announcing || !m.Sources[0].PublishedAt.Equal(t0) {
		t.Errorf("sources %+v", m.Sources)
	}
	if len(m.Claims) != 2 || m.Claims[0].Benchmark != "AIME 2024" || m.Claims[1].Target != "OpenAI o1" {
		t.Errorf("claims %+v", m.Claims)
	}
	if m.Links.Page != "/model/deepseek.deepseek-r1" || m.Links.Search != "/?model=DeepSeek-R1" || m.Links.Feed != "/feeds/releases.atom?model=DeepSeek-R1" {
		t.Errorf("links %+v", m.Links)
	}

	t.Run("later sources in time order", func(t *testing.T) {
		_, body := get(t, f.srv.URL+"/api/models/moonshot.kimi-k2")
		var m modelResponse
		json.Unmarshal(body, &m)
		if len(m.Sources) != 2 || m.Sources[0].URL != "https://news.example/kimi-k2" || m.Sources[1].URL != "https://other.example/kimi" ||
			m.Sources[1].Title != "" || !m.LastSeen.Equal(t0.Add(96*time.Hour)) || !m.FirstSeen.Equal(t0.Add(72*time.Hour)) {
			t.Errorf("sources %+v, first %s, last %s", m.Sources, m.FirstSeen, m.LastSeen)
		}
	})
	t.Run("variants", func(t *testing.T) {
		_, body := get(t, f.srv.URL+"/api/models/qwen.qwen3")
		var m modelResponse
		json.Unmarshal(body, &m)
		if len(m.Variants) != 1 || m.Variants[0].Name != "Qwen3-235B-A22B" || m.VariantOf != nil {
			t.Errorf("Qwen3: variants %+v, variant of %+v", m.Variants, m.VariantOf)
		}
		_, body = get(t, f.srv.URL+"/api/models/qwen.qwen3-235b-a22b")
		m = modelResponse{}
		json.Unmarshal(body, &m)
		if m.VariantOf == nil || m.VariantOf.ID != "qwen.qwen3" || len(m.Variants) != 0 {
			t.Errorf("Qwen3-235B-A22B: variant of %+v, variants %+v", m.VariantOf, m.Variants)
		}
	})
	t.Run("an id with a slash", func(t *testing.T) {
		ev := releaseEvent(event.KindRelease, "zhipu", "GLM-4.5")
		ev.Key = "zhipu/glm-4.5"
		f.indexReleases(t, ev)
		resp, body := get(t, f.srv.URL+"/api/models/zhipu/glm-4.5")
		var m modelResponse
		json.Unmarshal(body, &m)
		if resp.StatusCode != 200 || m.ID != "zhipu/glm-4.5" || m.Links.Page != "/model/zhipu/glm-4.5" {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
		if resp, body := get(t, f.srv.URL+"/model/zhipu/glm-4.5"); resp.StatusCode != 200 || !bytes.Contains(body, []byte(`<h1 id="model-name">GLM-4.5</h1>`)) {
			t.Errorf("page: %d", resp.StatusCode)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		resp, body := get(t, f.srv.URL+"/api/models/openai.gpt-9")
		if resp.StatusCode != http.StatusNotFound || !bytes.Contains(body, []byte(`"error":"id: no release of a model with the id \"openai.gpt-9\" has been seen"`)) {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
		resp, body = get(t, f.srv.URL+"/model/openai.gpt-9")
		if resp.StatusCode != http.StatusNotFound || !bytes.Contains(body, []byte("No release of a model")) {
			t.Errorf("page: status %d", resp.StatusCode)
		}
	})
	t.Run("parameters", func(t *testing.T) {
		if resp, _ := get(t, f.srv.URL+"/api/models/qwen.qwen3?x=1"); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("status %d, want 400", resp.StatusCode)
		}
	})
}

func TestModelPage(t *testing.T) {
	f := newFixture(t, api.Options{})
	f.indexReleases(t, fixtureReleases()...)
	resp, body := get(t, f.srv.URL+"/model/deepseek.deepseek-r1")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") == "" {
		t.Fatalf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
	page := string(body)
	for _, want := range []string{
		`<h1 id="model-name">DeepSeek-R1</h1>`,
		`<dd id="params">671B (37B active)</dd>`,
		`<dd id="license">MIT</dd>`,
		`<dd id="open-weights">yes</dd>`,
		`<time datetime="2025-01-20T08:00:00Z">2025-01-20</time> — <a href="https://news.example/deepseek-r1" rel="noopener noreferrer">DeepSeek-R1 released</a>`,
		`<blockquote class="evidence">DeepSeek-R1 is released today.</blockquote>`,
		`DeepSeek releases DeepSeek-R1, an open reasoning model</a>`,
		`<td>AIME 2024</td><td>79.8%</td><td>—</td><td class="evidence">79.8% on AIME 2024</td>`,
		`<td>MATH-500</td><td>matches</td><td>OpenAI o1</td>`,
		`<a id="search-all" href="/?model=DeepSeek-R1">Search all its articles</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("model page lacks %s", want)
		}
	}
	if got := alternates(t, body); len(got) != 2 || got[0] != "application/atom+xml /feeds/releases.atom?model=DeepSeek-R1" {
		t.Errorf("alternates %q", got)
	}
}
