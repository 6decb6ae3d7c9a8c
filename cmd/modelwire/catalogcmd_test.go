package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/bus"
)

func TestCatalogResolve(t *testing.T) {
	out, errOut, code := run(t, "catalog", "resolve", "--json", "qwen 3 coder", "Kwen3", "Zippu AI", "Nimbus-9B")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	want := []struct{ model, vendor string }{{"alibaba/qwen3-coder", "alibaba"}, {"alibaba/qwen3", "alibaba"}, {"", "zhipu"}, {"unknown/nimbus-9b", ""}}
	for i, l := range lines {
		var r struct {
			Models  []event.Model  `json:"models"`
			Vendors []event.Vendor `json:"vendors"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if w := want[i].model; w != "" && (len(r.Models) == 0 || r.Models[0].ID != w || r.Models[0].Resolution.Reason == "") {
			t.Errorf("line %d: models %+v, want %s", i, r.Models, w)
		}
		if w := want[i].vendor; w != "" && (len(r.Vendors) == 0 || r.Vendors[0].ID != w) {
			t.Errorf("line %d: vendors %+v, want %s", i, r.Vendors, w)
		}
	}
	out, _, _ = run(t, "catalog", "resolve", "Deep Seek V3")
	if !strings.Contains(out, "DeepSeek-V3") || !strings.Contains(out, "deepseek/deepseek-v3") || !strings.Contains(out, "catalogued") {
		t.Errorf("text output:\n%s", out)
	}
}

// TestCatalogMigrate stores articles, release records and release keys as
// modelwire did before entity resolution, migrates them, and finds them
// under their canonical identities with the search, releases, catalog
// unknown commands and in the mw_releases bucket.
func TestCatalogMigrate(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	t0 := time.Date(2025, 7, 28, 0, 0, 0, 0, time.UTC)
	store, err := indexer.OpenEmbedded(data, indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lcb := 70.7
	a := event.Article{ID: event.DocID("https://a.example/q"), URL: "https://a.example/q", Title: "Qwen 3 is out", Text: "Alibaba released Qwen 3 and Nimbus-2.",
		Language: "en", FetchedAt: t0, PublishedAt: t0,
		Claims:  []event.Claim{{Model: "Qwen 3", Benchmark: "LiveCodeBench v6", Value: &lcb, Relation: "score"}},
		Vendors: []event.Vendor{{ID: "zippu-ai", Name: "Zippu AI", Count: 1}},
		Models:  []event.Model{{Name: "Qwen 3", Vendor: "alibaba", Count: 1}, {Name: "Nimbus-2", Count: 1}}}
	for _, err := range store.Index(ctx, []event.Article{a}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	evs := []event.ReleaseEvent{
		{Key: "alibaba.qwen-3", Vendor: "alibaba", Model: "Qwen 3", FirstSeen: t0, Confidence: 0.9, ArticleURL: a.URL},
		{Key: "alibaba.qwen3", Vendor: "alibaba", Model: "Qwen3", FirstSeen: t0.Add(time.Hour), Confidence: 0.8, ArticleURL: "https://b.example/q"},
	}
	for _, err := range store.IndexReleases(ctx, evs) {
		if err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	withNATS(t, data, func(js jetstream.JetStream) {
		kv, err := js.KeyValue(ctx, event.BucketReleases)
		if err != nil {
			t.Fatal(err)
		}
		kv.Put(ctx, "zippu-ai.glm-4-5", []byte(`{"first_seen":"2025-07-28T00:00:00Z","announced":true,"sources":["https://a.example/glm"]}`))
	})

	out, errOut, code := run(t, "catalog", "migrate", "--data", data)
	if code != 0 {
		t.Fatalf("migrate: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"articles: 1 read, 1 rewritten", "release records: 2 read, 1 moved", "release keys: 1 moved"} {
		if !strings.Contains(out, want) {
			t.Errorf("migrate output lacks %q:\n%s", want, out)
		}
	}
	search := func(args ...string) indexer.Result {
		out, errOut, code := run(t, append([]string{"search", "--json", "--data", data}, args...)...)
		var res indexer.Result
		if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
			t.Fatalf("search %v: exit %d, %v: %s", args, code, err, errOut)
		}
		return res
	}
	if res := search("--model", "qwen 3"); res.Total != 1 || res.Hits[0].Models[0] != "Qwen3" {
		t.Errorf("search --model 'qwen 3': %+v", res)
	}
	if res := search("--model", "alibaba/qwen3"); res.Total != 1 {
		t.Errorf("search --model alibaba/qwen3: %+v", res)
	}
	if res := search("--vendor", "Zhipu AI"); res.Total != 1 {
		t.Errorf("search --vendor 'Zhipu AI': %+v", res)
	}
	// Benchmark filters take the catalog's spellings, and a benchmark
	// finds its versions; claims survive the migration.
	for b, want := range map[string]int{"LiveCodeBench": 1, "live code bench v6": 1, "LiveCodeBench v5": 0, "AIME": 0} {
		if res := search("--benchmark", b); res.Total != want {
			t.Errorf("search --benchmark %q: %d hits, want %d", b, res.Total, want)
		}
	}
	out, errOut, _ = run(t, "releases", "--data", data, "--json", "--model", "Qwen 3")
	var recs []indexer.ReleaseRecord
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("%v: %s %s", err, out, errOut)
	}
	if len(recs) != 1 || recs[0].Key != "alibaba.qwen3" || len(recs[0].Sources) != 2 || !recs[0].FirstSeen.Equal(t0) {
		t.Errorf("releases: %+v", recs)
	}
	out, _, _ = run(t, "catalog", "unknown", "--data", data)
	if !strings.Contains(out, "Nimbus-2") || !strings.Contains(out, a.URL) {
		t.Errorf("catalog unknown:\n%s", out)
	}
	withNATS(t, data, func(js jetstream.JetStream) {
		kv, _ := js.KeyValue(ctx, event.BucketReleases)
		if _, err := kv.Get(ctx, "zhipu.glm-4-5"); err != nil {
			t.Errorf("canonical release key: %v", err)
		}
	})
}

// withNATS runs fn against the embedded NATS server of data, as `modelwire
// run` would start it.
func withNATS(t *testing.T, data string, fn func(js jetstream.JetStream)) {
	t.Helper()
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: filepath.Join(data, "nats")})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	nc, err := bus.Connect("", srv, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if err := bus.Setup(context.Background(), js, 1); err != nil {
		t.Fatal(err)
	}
	fn(js)
}

// TestCatalogMigrateRenamedLine migrates records stored before the catalog
// knew that a maker renamed a line from a version on (families.yaml
// `renamed`): "Doubao-1.6" and "Seed-1.6", stored apart, become the one
// model Doubao-Seed-1.6; an older version keeps its name.
func TestCatalogMigrateRenamedLine(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	t0 := time.Date(2025, 6, 11, 0, 0, 0, 0, time.UTC)
	store, err := indexer.OpenEmbedded(data, indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := event.Article{ID: event.DocID("https://a.example/doubao"), URL: "https://a.example/doubao", Title: "字节跳动发布豆包大模型1.6",
		Text: "字节跳动发布豆包大模型1.6（Seed-1.6），超越Doubao-1.5-pro。", Language: "zh", FetchedAt: t0, PublishedAt: t0,
		Vendors: []event.Vendor{{ID: "bytedance", Name: "ByteDance", Count: 1}},
		Models: []event.Model{{Name: "Doubao-1.6", Vendor: "bytedance", Count: 1}, {Name: "Seed-1.6", Vendor: "bytedance", Count: 1},
			{Name: "Doubao-1.5-Pro", Vendor: "bytedance", Count: 1}}}
	for _, err := range store.Index(ctx, []event.Article{a}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	evs := []event.ReleaseEvent{
		{Key: "bytedance.doubao-1-6", Vendor: "bytedance", Model: "Doubao-1.6", FirstSeen: t0, Confidence: 0.9, ArticleURL: a.URL},
		{Key: "bytedance.seed-1-6", Vendor: "bytedance", Model: "Seed-1.6", FirstSeen: t0.Add(time.Hour), Confidence: 0.8, ArticleURL: "https://b.example/seed"},
	}
	for _, err := range store.IndexReleases(ctx, evs) {
		if err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	withNATS(t, data, func(jetstream.JetStream) {})

	out, errOut, code := run(t, "catalog", "migrate", "--data", data)
	if code != 0 {
		t.Fatalf("migrate: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "release records: 2 read, 2 moved") {
		t.Errorf("migrate output:\n%s", out)
	}
	out, errOut, _ = run(t, "releases", "--data", data, "--json", "--model", "豆包1.6")
	var recs []indexer.ReleaseRecord
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("%v: %s %s", err, out, errOut)
	}
	if len(recs) != 1 || recs[0].Key != "bytedance.doubao-seed-1-6" || recs[0].Model != "Doubao-Seed-1.6" || len(recs[0].Sources) != 2 {
		t.Errorf("releases: %+v", recs)
	}
	out, errOut, code = run(t, "search", "--json", "--data", data, "--model", "Seed 1.6")
	var res indexer.Result
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
		t.Fatalf("search: exit %d, %v: %s", code, err, errOut)
	}
	if res.Total != 1 || !slices.Equal(res.Hits[0].Models, []string{"Doubao-Seed-1.6", "Doubao-1.5-Pro"}) {
		t.Errorf("search --model 'Seed 1.6': %+v", res)
	}
}
