package indexer

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestQueryText(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		positive bool
	}{
		{"", "", false},
		{"DeepSeek-R1", "DeepSeek-R1", true},
		{"open  weights\tQwen", "open weights Qwen", true},
		{`"open weights" -rumour`, `"open weights" -rumour`, true},
		{"-DeepSeek", "-DeepSeek", false},
		{`-"closed beta"`, `-"closed beta"`, false},
		{"+Qwen3", "Qwen3", true},
		{`(( "DeepSeek ] *`, "DeepSeek", true},
		{`foo"bar`, `"foo bar"`, true},
		{"Deep* reasonin~2 a|b", "Deep* reasonin~2 a|b", true},
		{"月之暗面 发布", "月之暗面 发布", true},
		{"月之暗面\u3000发布\u00a0Kimi\v-K1", "月之暗面 发布 Kimi -K1", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, positive, err := queryText(tt.in)
			if err != nil || got != tt.want || positive != tt.positive {
				t.Errorf("queryText(%q) = %q, %v, %v; want %q, %v", tt.in, got, positive, err, tt.want, tt.positive)
			}
		})
	}
}

// FuzzQueryText checks that any user text becomes a query without error
// (or ErrQueryTooLong) and that the rewrite is stable.
func FuzzQueryText(f *testing.F) {
	for _, s := range []string{"", `"a b" -c`, `(( "x ] *`, "a\"b\"c", "-\"", "\"\"", "月之暗面", "a\u3000b\v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, _, err := queryText(s)
		if errors.Is(err, ErrQueryTooLong) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		again, _, err := queryText(text)
		if err != nil || again != text {
			t.Fatalf("rewrite of %q is %q, rewritten again %q (%v)", s, text, again, err)
		}
		if _, err := searchBody(Query{Text: s}.Normalize()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestOutcomeClassification(t *testing.T) {
	tests := []struct {
		name      string
		o         outcome
		versioned bool
		want      error // nil, ErrStale, ErrPermanent, or errTemporary
	}{
		{"created", outcome{status: 201}, true, nil},
		{"updated", outcome{status: 200}, true, nil},
		{"version conflict on an article", outcome{status: 409, errType: "version_conflict_engine_exception"}, true, ErrStale},
		{"mapping error", outcome{status: 400, errType: "mapper_parsing_exception"}, true, ErrPermanent},
		{"parsing error", outcome{status: 400, errType: "document_parsing_exception", reason: "immense term"}, true, ErrPermanent},
		{"strict mapping", outcome{status: 400, errType: "strict_dynamic_mapping_exception"}, true, ErrPermanent},
		{"illegal argument", outcome{status: 400, errType: "illegal_argument_exception", reason: "bad value"}, true, ErrPermanent},
		{"alias without write index", outcome{status: 400, errType: "illegal_argument_exception", reason: "no write index is defined for alias [x]"}, true, errTemporary},
		{"closed index", outcome{status: 400, errType: "index_closed_exception"}, true, errTemporary},
		{"alias missing", outcome{status: 404, errType: "index_not_found_exception"}, true, errTemporary},
		{"overloaded", outcome{status: 429, errType: "es_rejected_execution_exception"}, true, errTemporary},
		{"read-only cluster", outcome{status: 403, errType: "cluster_block_exception"}, true, errTemporary},
		{"server error", outcome{status: 503, errType: "unavailable_shards_exception"}, true, errTemporary},
		{"no answer", outcome{failed: errors.New("connection refused")}, true, errTemporary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.o.err(tt.versioned)
			switch tt.want {
			case nil:
				if err != nil {
					t.Errorf("err = %v, want nil", err)
				}
			case errTemporary:
				if err == nil || errors.Is(err, ErrPermanent) || errors.Is(err, ErrStale) {
					t.Errorf("err = %v, want a temporary error", err)
				}
			default:
				if !errors.Is(err, tt.want) {
					t.Errorf("err = %v, want %v", err, tt.want)
				}
			}
		})
	}
}

var errTemporary = errors.New("temporary")

func TestMergeRelease(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	v := 90.0
	ev := func(url string, first time.Time, conf float64, claims ...event.Claim) event.ReleaseEvent {
		return event.ReleaseEvent{Key: "qwen.qwq-32b", Vendor: "qwen", Model: "QwQ-32B", FirstSeen: first,
			Confidence: conf, Evidence: "ev " + url, Title: "t " + url, ArticleURL: url, Sources: []string{url}, Claims: claims}
	}
	claim := event.Claim{Model: "QwQ-32B", Benchmark: "AIME24", Value: &v}
	tests := []struct {
		name        string
		evs         []event.ReleaseEvent
		first       time.Time
		sources     []string
		claims      int
		confidence  float64
		evidenceURL string
	}{
		{"one event", []event.ReleaseEvent{ev("a", t0, 0.5)}, t0, []string{"a"}, 0, 0.5, "a"},
		{"later corroboration keeps the first sighting", []event.ReleaseEvent{ev("a", t0, 0.5), ev("b", t0.Add(time.Hour), 0.8, claim)}, t0, []string{"a", "b"}, 1, 0.8, "a"},
		{"earlier event moves first_seen and evidence", []event.ReleaseEvent{ev("b", t0.Add(time.Hour), 0.8), ev("a", t0, 0.5)}, t0, []string{"b", "a"}, 0, 0.8, "a"},
		{"replay changes nothing", []event.ReleaseEvent{ev("a", t0, 0.5, claim), ev("a", t0, 0.5, claim)}, t0, []string{"a"}, 1, 0.5, "a"},
		{"event with earlier sources", []event.ReleaseEvent{ev("a", t0, 0.5), {Key: "qwen.qwq-32b", FirstSeen: t0, ArticleURL: "c", Sources: []string{"a", "b", "c"}}}, t0, []string{"a", "b", "c"}, 0, 0.5, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r releaseSource
			for _, e := range tt.evs {
				r = mergeRelease(r, e)
			}
			if !r.FirstSeen.Equal(tt.first) || !slices.Equal(r.Sources, tt.sources) || len(r.Claims) != tt.claims ||
				r.Confidence != tt.confidence || r.Evidence != "ev "+tt.evidenceURL || r.Count != len(tt.sources) ||
				r.ModelKey != "qwq32b" {
				t.Errorf("merged = %+v", r)
			}
		})
	}
}

// TestTemplates checks the templates against golden files: as installed on
// a cluster without language analyzers (the dev node) and with English and
// CJK ones. Run with -update to rewrite them after changing templates/.
func TestTemplates(t *testing.T) {
	e := &Elastic{cfg: ElasticConfig{IndexPrefix: "modelwire"}}
	tests := []struct {
		kind  string
		langs []string
		file  string
	}{
		{"articles", nil, "articles-standard.json"},
		{"articles", []string{"en", "cjk"}, "articles-en-cjk.json"},
		{"releases", []string{"en", "cjk"}, "releases.json"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := e.templateBody(tt.kind, tt.langs)
			if err != nil {
				t.Fatal(err)
			}
			var pretty bytes.Buffer
			json.Indent(&pretty, body, "", "  ")
			pretty.WriteByte('\n')
			golden := filepath.Join("testdata", "elastic", tt.file)
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestTemplates -update)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("template differs from %s (run with -update if intended):\n%s", golden, pretty.Bytes())
			}
		})
	}
}
