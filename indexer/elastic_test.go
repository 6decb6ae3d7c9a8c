package indexer_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

func TestElasticTemplatesAndAliases(t *testing.T) {
	t.Parallel()
	s := openElastic(t, indexer.ElasticConfig{})
	prefix := s.Prefix()
	for _, kind := range []string{"articles", "releases"} {
		t.Run(kind, func(t *testing.T) {
			var tpl struct {
				IndexTemplates []struct {
					Name          string `json:"name"`
					IndexTemplate struct {
						IndexPatterns []string `json:"index_patterns"`
					} `json:"index_template"`
				} `json:"index_templates"`
			}
			if status, body := esDo(t, "GET", "/_index_template/"+prefix+"-"+kind, nil, &tpl); status != http.StatusOK {
				t.Fatalf("template: %d %s", status, body)
			}
			if len(tpl.IndexTemplates) != 1 || !slices.Equal(tpl.IndexTemplates[0].IndexTemplate.IndexPatterns, []string{prefix + "-" + kind + "-*"}) {
				t.Fatalf("template = %+v", tpl)
			}
			var aliases map[string]struct {
				Aliases map[string]struct {
					IsWriteIndex bool `json:"is_write_index"`
				} `json:"aliases"`
			}
			alias := prefix + "-" + kind
			if status, body := esDo(t, "GET", "/_alias/"+alias, nil, &aliases); status != http.StatusOK {
				t.Fatalf("alias: %d %s", status, body)
			}
			idx, ok := aliases[alias+"-v1"]
			if len(aliases) != 1 || !ok || !idx.Aliases[alias].IsWriteIndex {
				t.Fatalf("alias %s = %+v, want the write alias of %s-v1 only", alias, aliases, alias)
			}
		})
	}
	var mapping map[string]struct {
		Mappings struct {
			Dynamic    string                     `json:"dynamic"`
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"mappings"`
	}
	esDo(t, "GET", "/"+prefix+"-articles/_mapping", nil, &mapping)
	m := mapping[prefix+"-articles-v1"].Mappings
	if m.Dynamic != "strict" {
		t.Errorf("dynamic = %q, want strict", m.Dynamic)
	}
	wantTypes := map[string]string{
		"vendors": "keyword", "models": "keyword", "model_keys": "keyword", "benchmarks": "keyword",
		"language": "keyword", "site": "keyword", "url": "keyword", "title": "text", "text": "text",
		"published_at": "date", "fetched_at": "date", "claims": "",
	}
	for field, want := range wantTypes {
		var f struct {
			Type       string         `json:"type"`
			Properties map[string]any `json:"properties"`
		}
		json.Unmarshal(m.Properties[field], &f)
		if want == "" { // an object
			if len(f.Properties) == 0 {
				t.Errorf("%s: not an object: %s", field, m.Properties[field])
			}
		} else if f.Type != want {
			t.Errorf("%s: type %q, want %q", field, f.Type, want)
		}
	}

	// Opening again (a restart, or a second replica) changes nothing.
	again := openElastic(t, indexer.ElasticConfig{IndexPrefix: prefix})
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
	var all map[string]any
	esDo(t, "GET", "/"+prefix+"-*/_alias", nil, &all)
	if len(all) != 2 {
		t.Errorf("after a second open: indices %v, want the two v1 indices", keys(all))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestElasticVersions(t *testing.T) {
	t.Parallel()
	s := openElastic(t, indexer.ElasticConfig{})
	ctx := context.Background()
	t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	v2 := article("https://a.example/x", "new title", "new text", "en", t0.Add(time.Hour))
	v1 := article("https://a.example/x", "old title", "old text", "en", t0)
	v3 := article("https://a.example/x", "newest title", "newest text", "en", t0.Add(2*time.Hour))
	steps := []struct {
		name string
		docs []event.Article
		want []error // nil entries: success
	}{
		{"first version", []event.Article{v2}, []error{nil}},
		{"older version is stale", []event.Article{v1}, []error{indexer.ErrStale}},
		{"same version again is idempotent", []event.Article{v2}, []error{nil}},
		{"newer version in a batch with an older one", []event.Article{v3, v1}, []error{nil, indexer.ErrStale}},
		{"document without id", []event.Article{{URL: "https://a.example/noid"}}, []error{indexer.ErrPermanent}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			errs := s.Index(ctx, st.docs)
			if len(errs) != len(st.want) {
				t.Fatalf("%d errors for %d docs", len(errs), len(st.docs))
			}
			for i, want := range st.want {
				if (want == nil) != (errs[i] == nil) || (want != nil && !errors.Is(errs[i], want)) {
					t.Errorf("doc %d: err = %v, want %v", i, errs[i], want)
				}
			}
		})
	}
	refresh(t, s)
	if n, err := s.Count(ctx); err != nil || n != 1 {
		t.Fatalf("count = %d, %v; want 1", n, err)
	}
	res, err := s.Search(ctx, indexer.Query{})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Title != "newest title" {
		t.Fatalf("stored = %+v, %v; want the newest title", res.Hits, err)
	}
	var raw struct {
		Version int64 `json:"_version"`
	}
	esDo(t, "GET", "/"+s.Prefix()+"-articles/_doc/"+v3.ID, nil, &raw)
	if raw.Version != v3.FetchedAt.UnixMilli() {
		t.Errorf("_version = %d, want fetched_at in ms %d", raw.Version, v3.FetchedAt.UnixMilli())
	}
}

// corpus is the shared test corpus: the embedded store's, plus a few more.
func corpus(t0 time.Time) []event.Article {
	ds := article("https://a.example/r1", "DeepSeek-R1 released", "DeepSeek open-sourced DeepSeek-R1, a reasoning model. <script>alert(1)</script>", "en", t0)
	ds.Vendors = []event.Vendor{{ID: "deepseek", Name: "DeepSeek", Count: 2}}
	ds.Models = []event.Model{{ID: "deepseek/deepseek-r1", Name: "DeepSeek-R1", Vendor: "deepseek", Count: 2}}
	v := 79.8
	ds.Claims = []event.Claim{{Model: "DeepSeek-R1", Benchmark: "AIME 2024", Value: &v, Unit: "%", Relation: "score"}}
	zh := article("https://b.example/kimi", "月之暗面发布Kimi K2", "月之暗面今天发布了Kimi K2模型，并开源了权重。", "zh", t0.Add(24*time.Hour))
	zh.Vendors = []event.Vendor{{ID: "moonshot", Name: "Moonshot", Count: 1}}
	zh.Models = []event.Model{{ID: "moonshot/kimi-k2", Name: "Kimi K2", Vendor: "moonshot", Count: 1},
		{ID: "unknown/moonlight-x", Name: "Moonlight-X", Count: 1, Resolution: &event.Resolution{Reason: "not in the catalog", Provisional: true}}}
	vi := article("https://c.example/qwen", "Alibaba ra mắt Qwen3", "Alibaba vừa ra mắt Qwen3 với 235 tỷ tham số.", "vi", t0.Add(48*time.Hour))
	vi.Vendors = []event.Vendor{{ID: "alibaba", Name: "Alibaba", Count: 2}}
	vi.Models = []event.Model{{ID: "alibaba/qwen3", Name: "Qwen3", Vendor: "alibaba", Count: 2}}
	lcb, swe := 70.7, 44.2
	vi.Claims = []event.Claim{{Model: "Qwen3", Benchmark: "LiveCodeBench v6", Value: &lcb, Relation: "score"},
		{Model: "Qwen3", Benchmark: "SWE-bench Verified", Value: &swe, Unit: "%", Relation: "score"},
		{Model: "Qwen3", Relation: "outperforms", Target: "DeepSeek-R1"}}
	ko := article("https://d.example/exaone", "LG AI연구원, 엑사원 4.0 공개", "LG AI연구원이 엑사원 4.0을 공개했다. DeepSeek 모델과 비교했다.", "ko", t0.Add(72*time.Hour))
	ko.Vendors = []event.Vendor{{ID: "lg-ai-research", Name: "LG AI Research", Count: 1}, {ID: "deepseek", Name: "DeepSeek", Count: 1}}
	ko.Models = []event.Model{{Name: "EXAONE 4.0", Vendor: "lg-ai-research", Count: 1}}
	return []event.Article{ds, zh, vi, ko}
}

// searchCases are queries with their expected URLs (in order for the first
// ones given) and totals, the same on every store.
func searchCases(t0 time.Time) []struct {
	name  string
	q     indexer.Query
	want  []string
	total int
} {
	const ds, zh, vi, ko = "https://a.example/r1", "https://b.example/kimi", "https://c.example/qwen", "https://d.example/exaone"
	return []struct {
		name  string
		q     indexer.Query
		want  []string
		total int
	}{
		{"empty query matches all, newest first", indexer.Query{}, []string{ko, vi, zh, ds}, 4},
		{"english word", indexer.Query{Text: "reasoning"}, []string{ds}, 1},
		{"model name with a dash", indexer.Query{Text: "DeepSeek-R1"}, []string{ds}, 1},
		{"word in two articles", indexer.Query{Text: "deepseek"}, nil, 2},
		{"chinese words", indexer.Query{Text: "月之暗面"}, []string{zh}, 1},
		{"ideographic space between words", indexer.Query{Text: "月之暗面\u3000Kimi"}, []string{zh}, 1},
		{"korean word", indexer.Query{Text: "엑사원"}, []string{ko}, 1},
		{"vietnamese", indexer.Query{Text: "tham số"}, []string{vi}, 1},
		{"all words required", indexer.Query{Text: "DeepSeek Qwen3"}, nil, 0},
		{"phrase", indexer.Query{Text: `"reasoning model"`}, []string{ds}, 1},
		{"phrase words apart do not match", indexer.Query{Text: `"model reasoning"`}, nil, 0},
		{"negation", indexer.Query{Text: "-DeepSeek"}, []string{vi, zh}, 2},
		{"word and negation", indexer.Query{Text: "DeepSeek -reasoning"}, []string{ko}, 1},
		{"vendor filter", indexer.Query{Vendors: []string{"moonshot"}}, []string{zh}, 1},
		{"vendor filter is folded", indexer.Query{Vendors: []string{"LG AI Research"}}, []string{ko}, 1},
		{"two vendors", indexer.Query{Vendors: []string{"moonshot", "alibaba"}}, []string{vi, zh}, 2},
		{"model filter folds case and punctuation", indexer.Query{Models: []string{"kimi-k2"}}, []string{zh}, 1},
		{"model filter folds spaces", indexer.Query{Models: []string{"Kimi K 2"}}, []string{zh}, 1},
		{"model id filter", indexer.Query{Models: []string{"alibaba/qwen3"}}, []string{vi}, 1},
		{"model id and name filters", indexer.Query{Models: []string{"Alibaba/Qwen3", "deepseek r1"}}, []string{vi, ds}, 2},
		{"model id of another vendor", indexer.Query{Models: []string{"meta/qwen3"}}, nil, 0},
		{"benchmark filter", indexer.Query{Benchmarks: []string{"AIME 2024"}}, []string{ds}, 1},
		{"benchmark filter finds its years", indexer.Query{Benchmarks: []string{"AIME"}}, []string{ds}, 1},
		{"benchmark filter is folded", indexer.Query{Benchmarks: []string{"aime-2024"}}, []string{ds}, 1},
		{"benchmark filter finds its versions", indexer.Query{Benchmarks: []string{"LiveCodeBench"}}, []string{vi}, 1},
		{"benchmark filter of another version", indexer.Query{Benchmarks: []string{"LiveCodeBench v5"}}, nil, 0},
		{"benchmark filter finds its subsets", indexer.Query{Benchmarks: []string{"swe bench"}}, []string{vi}, 1},
		{"two benchmarks", indexer.Query{Benchmarks: []string{"SWE-bench Verified", "AIME"}}, []string{vi, ds}, 2},
		{"benchmark and vendor", indexer.Query{Benchmarks: []string{"AIME"}, Vendors: []string{"alibaba"}}, nil, 0},
		{"benchmark no claim names", indexer.Query{Benchmarks: []string{"MMLU"}}, nil, 0},
		{"language filter", indexer.Query{Language: "VI"}, []string{vi}, 1},
		{"since", indexer.Query{Since: t0.Add(12 * time.Hour)}, []string{ko, vi, zh}, 3},
		{"until", indexer.Query{Until: t0.Add(12 * time.Hour)}, []string{ds}, 1},
		{"since and until", indexer.Query{Since: t0.Add(12 * time.Hour), Until: t0.Add(36 * time.Hour)}, []string{zh}, 1},
		{"text and filter", indexer.Query{Text: "DeepSeek", Vendors: []string{"lg-ai-research"}}, []string{ko}, 1},
		{"syntax characters are just text", indexer.Query{Text: `(( "DeepSeek ] *`}, []string{ds, ko}, 2},
		{"no wildcards", indexer.Query{Text: "Deep*"}, nil, 0},
		{"no fuzziness", indexer.Query{Text: "reasonin~2"}, nil, 0},
		{"no boolean or", indexer.Query{Text: "reasoning | Qwen3"}, nil, 0},
		{"paging", indexer.Query{Limit: 2, Offset: 1}, []string{vi, zh}, 4},
		{"a family finds its versions", indexer.Query{Text: "Qwen"}, []string{vi}, 1},
		{"a family excluded excludes its versions", indexer.Query{Text: "-Qwen"}, []string{ko, zh, ds}, 3},
		{"a version is found as written", indexer.Query{Text: "qwen3"}, []string{vi}, 1},
		{"urls", indexer.Query{URLs: []string{zh, ds, "https://nowhere.example/"}}, []string{zh, ds}, 2},
		{"newest first despite text", indexer.Query{Text: "DeepSeek", Newest: true}, []string{ko, ds}, 2},
	}
}

func TestElasticSearch(t *testing.T) {
	t.Parallel()
	s := openElastic(t, indexer.ElasticConfig{})
	ctx := context.Background()
	t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	docs := corpus(t0)
	for i, err := range s.Index(ctx, docs) {
		if err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
	}
	refresh(t, s)
	for _, tt := range searchCases(t0) {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			checkHits(t, res, tt.want, tt.total)
		})
	}
	t.Run("claims fields", func(t *testing.T) {
		// Claims are indexed with the article: claims.model,
		// claims.benchmark and claims.value answer queries.
		var out struct {
			Hits struct {
				Total struct {
					Value int `json:"value"`
				} `json:"total"`
			} `json:"hits"`
		}
		q := map[string]any{"query": map[string]any{"bool": map[string]any{"filter": []any{
			map[string]any{"term": map[string]any{"claims.model": "Qwen3"}},
			map[string]any{"term": map[string]any{"claims.benchmark": "LiveCodeBench v6"}},
			map[string]any{"range": map[string]any{"claims.value": map[string]any{"gte": 70}}},
		}}}}
		if code, body := esDo(t, "POST", "/"+s.Prefix()+"-articles/_search", q, &out); code != 200 || out.Hits.Total.Value != 1 {
			t.Errorf("claims query: %d %s, %d hits, want 1", code, body, out.Hits.Total.Value)
		}
	})
	t.Run("hit fields and snippet", func(t *testing.T) {
		res, err := s.Search(ctx, indexer.Query{Text: "reasoning"})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("search: %v %+v", err, res)
		}
		h, ds := res.Hits[0], docs[0]
		if !strings.Contains(h.Snippet, "<mark>reasoning</mark>") {
			t.Errorf("snippet %q lacks the highlight", h.Snippet)
		}
		if strings.Contains(h.Snippet, "<script>") || !strings.Contains(h.Snippet, "&lt;script&gt;") {
			t.Errorf("snippet %q does not escape markup", h.Snippet)
		}
		if h.ID != ds.ID || h.Title != ds.Title || h.Language != "en" || h.Site != "example" ||
			!slices.Equal(h.Vendors, []string{"deepseek"}) || !slices.Equal(h.Models, []string{"DeepSeek-R1"}) ||
			!h.PublishedAt.Equal(ds.PublishedAt) || h.Score <= 0 {
			t.Errorf("hit fields wrong: %+v", h)
		}
	})
	t.Run("snippet without a match is the opening", func(t *testing.T) {
		res, _ := s.Search(ctx, indexer.Query{Vendors: []string{"moonshot"}})
		if len(res.Hits) != 1 || !strings.HasPrefix(res.Hits[0].Snippet, "月之暗面今天发布了") {
			t.Errorf("hits = %+v", res.Hits)
		}
	})
	t.Run("facets", func(t *testing.T) {
		res, _ := s.Search(ctx, indexer.Query{})
		want := indexer.Facets{
			Vendors:   []indexer.FacetCount{{"deepseek", 2}, {"alibaba", 1}, {"lg-ai-research", 1}, {"moonshot", 1}},
			Models:    []indexer.FacetCount{{"DeepSeek-R1", 1}, {"EXAONE 4.0", 1}, {"Kimi K2", 1}, {"Moonlight-X", 1}, {"Qwen3", 1}},
			Languages: []indexer.FacetCount{{"en", 1}, {"ko", 1}, {"vi", 1}, {"zh", 1}},
		}
		got, _ := json.Marshal(res.Facets)
		wantJSON, _ := json.Marshal(want)
		if string(got) != string(wantJSON) {
			t.Errorf("facets = %s\nwant %s", got, wantJSON)
		}
	})
	t.Run("query too long", func(t *testing.T) {
		_, err := s.Search(ctx, indexer.Query{Text: strings.Repeat("word ", 300)})
		if !errors.Is(err, indexer.ErrQueryTooLong) {
			t.Errorf("err = %v, want ErrQueryTooLong", err)
		}
		_, err = s.Search(ctx, indexer.Query{Text: strings.Repeat("a ", indexer.MaxQueryTerms+1)})
		if !errors.Is(err, indexer.ErrQueryTooLong) {
			t.Errorf("err = %v, want ErrQueryTooLong", err)
		}
	})
}

// TestStoresAgree runs the same queries on the embedded store and on
// Elasticsearch and compares what `modelwire search --json` would print,
// except scores and snippets, which each engine computes its own way.
func TestStoresAgree(t *testing.T) {
	t.Parallel()
	es := openElastic(t, indexer.ElasticConfig{})
	em := openTemp(t)
	ctx := context.Background()
	t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	docs := corpus(t0)
	for i, err := range append(es.Index(ctx, docs), em.Index(ctx, docs)...) {
		if err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
	}
	refresh(t, es)
	for _, tt := range searchCases(t0) {
		t.Run(tt.name, func(t *testing.T) {
			a, errA := em.Search(ctx, tt.q)
			b, errB := es.Search(ctx, tt.q)
			if errA != nil || errB != nil {
				t.Fatalf("embedded: %v, elastic: %v", errA, errB)
			}
			ja, jb := comparable(t, a, len(tt.want) > 0 || tt.q.Text == ""), comparable(t, b, len(tt.want) > 0 || tt.q.Text == "")
			if ja != jb {
				t.Errorf("results differ\nembedded: %s\nelastic:  %s", ja, jb)
			}
		})
	}
}

// comparable is a result's JSON without scores and snippets; unless ordered,
// hits are sorted by URL (relevance order may differ between engines).
func comparable(t *testing.T, r indexer.Result, ordered bool) string {
	t.Helper()
	for i := range r.Hits {
		if r.Hits[i].Snippet == "" {
			t.Errorf("hit %s has no snippet", r.Hits[i].URL)
		}
		r.Hits[i].Score, r.Hits[i].Snippet = 0, ""
	}
	if !ordered {
		slices.SortFunc(r.Hits, func(a, b indexer.Hit) int { return strings.Compare(a.URL, b.URL) })
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func checkHits(t *testing.T, res indexer.Result, want []string, total int) {
	t.Helper()
	if res.Total != total {
		t.Errorf("total = %d, want %d (hits %v)", res.Total, total, hitURLs(res))
	}
	for i, url := range want {
		if i >= len(res.Hits) || res.Hits[i].URL != url {
			t.Errorf("hit %d: got %v, want %s", i, hitURLs(res), url)
			break
		}
	}
}

func TestElasticSearchNothingIndexed(t *testing.T) {
	t.Parallel()
	requireES(t)
	s, err := indexer.OpenElastic(context.Background(), indexer.ElasticConfig{
		Addresses: []string{esURL()}, IndexPrefix: uniquePrefix(t), SearchOnly: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Search(context.Background(), indexer.Query{Text: "anything"})
	if err == nil || !strings.Contains(err.Error(), "nothing has been indexed") {
		t.Fatalf("err = %v, want 'nothing has been indexed'", err)
	}
	if errs := s.Index(context.Background(), corpus(time.Now())[:1]); errs[0] == nil {
		t.Error("a search-only store accepted a write")
	}
	var all map[string]any
	if status, _ := esDo(t, "GET", "/"+s.Prefix()+"-*/_alias", nil, &all); status == http.StatusOK && len(all) > 0 {
		t.Errorf("a search-only store created indices %v", keys(all))
	}
}

func TestElasticConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  indexer.ElasticConfig
		want string
	}{
		{"no addresses", indexer.ElasticConfig{}, "no addresses"},
		{"upper case prefix", indexer.ElasticConfig{Addresses: []string{"http://x:9200"}, IndexPrefix: "Modelwire"}, "index prefix"},
		{"wildcard prefix", indexer.ElasticConfig{Addresses: []string{"http://x:9200"}, IndexPrefix: "mw*"}, "index prefix"},
		{"bad CA", indexer.ElasticConfig{Addresses: []string{"https://x:9200"}, IndexPrefix: "modelwire", CACert: []byte("not pem")}, "ca_cert"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := indexer.OpenElastic(context.Background(), tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func ExampleOpenElastic() {
	ctx := context.Background()
	s, err := indexer.OpenElastic(ctx, indexer.ElasticConfig{Addresses: []string{"http://127.0.0.1:9200"}, IndexPrefix: "modelwire"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	res, err := s.Search(ctx, indexer.Query{Text: `"open weights" -rumour`, Vendors: []string{"deepseek"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range res.Hits {
		fmt.Println(h.PublishedAt.Format(time.DateOnly), h.Title, h.URL)
	}
}

// TestElasticMappingUpgrade opens the store on indices made by an older
// build: a field added since is put on the existing index, while a change
// that needs a new index makes writes wait (temporary errors), never
// dead-letters them.
func TestElasticMappingUpgrade(t *testing.T) {
	t.Parallel()
	requireES(t)
	older := func(t *testing.T, props map[string]any) string {
		prefix := uniquePrefix(t)
		body := map[string]any{
			"aliases":  map[string]any{prefix + "-articles": map[string]any{"is_write_index": true}},
			"mappings": map[string]any{"dynamic": "strict", "properties": props},
		}
		if status, data := esDo(t, "PUT", "/"+prefix+"-articles-v1", body, nil); status != http.StatusOK {
			t.Fatalf("creating the old index: %d %s", status, data)
		}
		return prefix
	}
	doc := corpus(time.Now())[0]
	doc.Image = "https://a.example/r1.png"
	t.Run("added field", func(t *testing.T) {
		prefix := older(t, map[string]any{"url": map[string]any{"type": "keyword"}, "title": map[string]any{"type": "text", "analyzer": "standard"}})
		s := openElastic(t, indexer.ElasticConfig{IndexPrefix: prefix})
		if err := s.Index(context.Background(), []event.Article{doc})[0]; err != nil {
			t.Fatalf("index on an upgraded mapping: %v", err)
		}
	})
	t.Run("incompatible change", func(t *testing.T) {
		prefix := older(t, map[string]any{"title": map[string]any{"type": "keyword"}})
		s := openElastic(t, indexer.ElasticConfig{IndexPrefix: prefix})
		err := s.Index(context.Background(), []event.Article{doc})[0]
		if err == nil || errors.Is(err, indexer.ErrPermanent) || !strings.Contains(err.Error(), "mapping") {
			t.Fatalf("err = %v, want a temporary error about the mapping", err)
		}
	})
}
