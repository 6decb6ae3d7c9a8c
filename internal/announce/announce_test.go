package announce_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/announce"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/waittest"
)

func releaseArticle(url string) event.Article {
	return event.Article{
		ID: event.DocID(url), URL: url, CanonicalURL: url, Title: "Kimi K2 is out",
		PublishedAt: time.Date(2025, 7, 11, 9, 0, 0, 0, time.UTC),
		Releases: []event.Release{{Model: "Kimi K2", Vendor: "moonshot", Confidence: 0.9, Evidence: "Moonshot released Kimi K2.",
			Role: event.RoleAnnounced}},
		Claims: []event.Claim{{Model: "Kimi K2", Benchmark: "SWE-bench Verified", Relation: "score"}},
	}
}

// releaseEvents reads every event on MW_RELEASES.
func releaseEvents(t *testing.T, js jetstream.JetStream) []event.ReleaseEvent {
	t.Helper()
	ctx := context.Background()
	cons, err := js.OrderedConsumer(ctx, event.StreamReleases, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := js.Stream(ctx, event.StreamReleases)
	info, _ := st.Info(ctx)
	var out []event.ReleaseEvent
	for range info.State.Msgs {
		m, err := cons.Next(jetstream.FetchMaxWait(2 * time.Second))
		if err != nil {
			t.Fatal(err)
		}
		ev, err := event.DecodeReleaseEvent(m.Data())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

func TestReleaseAnnouncedOnceAcrossReplicas(t *testing.T) {
	js := bustest.Start(t)
	ctx := context.Background()
	var announcers []*announce.ReleaseAnnouncer
	for range 4 {
		a, err := announce.NewReleaseAnnouncer(ctx, js, 0.5, nil)
		if err != nil {
			t.Fatal(err)
		}
		announcers = append(announcers, a)
	}
	// Four replicas see the same article at once (redeliveries included).
	var wg sync.WaitGroup
	for _, a := range announcers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := a.Announce(ctx, releaseArticle("https://a.example/kimi")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	evs := releaseEvents(t, js)
	if len(evs) != 1 || evs[0].Kind != event.KindRelease {
		t.Fatalf("events = %+v, want exactly one release", evs)
	}
	ev := evs[0]
	if ev.Key != "moonshot.kimi-k2" || ev.Vendor != "moonshot" || len(ev.Claims) != 1 || ev.ArticleURL != "https://a.example/kimi" {
		t.Errorf("event = %+v", ev)
	}
	// The event carries the announcing article's claim: its date, the
	// role, the confidence and the evidence.
	if !ev.PublishedAt.Equal(time.Date(2025, 7, 11, 9, 0, 0, 0, time.UTC)) || ev.Role != event.RoleAnnounced ||
		ev.Confidence != 0.9 || ev.Evidence != "Moonshot released Kimi K2." {
		t.Errorf("event's claim = published %v, role %q, confidence %v, evidence %q", ev.PublishedAt, ev.Role, ev.Confidence, ev.Evidence)
	}

	// A second article corroborates; seeing it again adds nothing.
	for range 2 {
		if err := announcers[1].Announce(ctx, releaseArticle("https://b.example/kimi")); err != nil {
			t.Fatal(err)
		}
	}
	// Low confidence is not announced.
	low := releaseArticle("https://c.example/maybe")
	low.Releases[0] = event.Release{Model: "Kimi K3", Vendor: "moonshot", Confidence: 0.2}
	if err := announcers[2].Announce(ctx, low); err != nil {
		t.Fatal(err)
	}
	// A model the article only mentions, compares against, recalls, plans
	// or denies never makes an event, however sure, even the first time
	// it is seen.
	for _, role := range []string{event.RoleMentioned, event.RoleCompared, event.RoleBuiltOn, event.RoleHistorical, event.RolePlanned, event.RoleDenied} {
		other := releaseArticle("https://d.example/" + role)
		other.Releases[0] = event.Release{Model: "GPT-5 " + role, Vendor: "openai", Confidence: 0.95, Role: role}
		if err := announcers[3].Announce(ctx, other); err != nil {
			t.Fatal(err)
		}
	}
	evs = releaseEvents(t, js)
	if len(evs) != 2 || evs[1].Kind != event.KindCorroboration || len(evs[1].Sources) != 2 {
		t.Fatalf("events = %+v, want release then one corroboration with two sources", evs)
	}
}

func TestReleaseRecordsInStore(t *testing.T) {
	js := bustest.Start(t)
	store, err := indexer.OpenEmbedded(t.TempDir(), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	rs := pipeline.NewReleaseIndexStage(js, store, pipeline.IndexOptions{})
	waittest.Background(t, rs.Run)
	ctx := context.Background()
	a, err := announce.NewReleaseAnnouncer(ctx, js, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"https://a.example/1", "https://b.example/2", "https://a.example/1"} {
		if err := a.Announce(ctx, releaseArticle(u)); err != nil {
			t.Fatal(err)
		}
	}
	waittest.Eventually(t, 10*time.Second, "two events stored", func() bool { return rs.Indexed() == 2 })
	recs, err := store.Releases(ctx, indexer.ReleaseQuery{Vendors: []string{"moonshot"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || len(recs[0].Sources) != 2 || recs[0].Model != "Kimi K2" || len(recs[0].Claims) != 1 {
		t.Fatalf("records = %+v", recs)
	}
	if none, _ := store.Releases(ctx, indexer.ReleaseQuery{Vendors: []string{"deepseek"}}); len(none) != 0 {
		t.Errorf("vendor filter: %+v", none)
	}
	if m, _ := store.Releases(ctx, indexer.ReleaseQuery{Model: "kimi-k2"}); len(m) != 1 {
		t.Errorf("model filter: %+v", m)
	}
}

// TestReleaseRaceKeepsEverySource has replicas see different articles on
// the same release at once: one release event, and every other article a
// corroboration — none is swallowed by the race to announce.
func TestReleaseRaceKeepsEverySource(t *testing.T) {
	js := bustest.Start(t)
	ctx := context.Background()
	const replicas, rounds = 4, 25
	var announcers []*announce.ReleaseAnnouncer
	for range replicas {
		a, err := announce.NewReleaseAnnouncer(ctx, js, 0.5, nil)
		if err != nil {
			t.Fatal(err)
		}
		announcers = append(announcers, a)
	}
	for round := range rounds {
		var wg sync.WaitGroup
		for i, a := range announcers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				art := releaseArticle(fmt.Sprintf("https://%d.example/kimi-%d", i, round))
				art.Releases[0].Model = fmt.Sprintf("Kimi K%d", round+10)
				if err := a.Announce(ctx, art); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	releases, corroborations := map[string]int{}, map[string]int{}
	for _, ev := range releaseEvents(t, js) {
		switch ev.Kind {
		case event.KindRelease:
			releases[ev.Key]++
		case event.KindCorroboration:
			corroborations[ev.Key]++
		}
	}
	for round := range rounds {
		key := event.ReleaseKey("moonshot", fmt.Sprintf("Kimi K%d", round+10))
		if releases[key] != 1 || corroborations[key] != replicas-1 {
			t.Errorf("%s: %d release events and %d corroborations, want 1 and %d", key, releases[key], corroborations[key], replicas-1)
		}
	}
}

// TestReleaseStaleClaim: an article claimed a release and its process died
// — before publishing the event, or after. The next article takes the
// claim over and announces the release, or corroborates the event that
// did reach the stream; either way the stream holds one release event.
func TestReleaseStaleClaim(t *testing.T) {
	for _, published := range []bool{false, true} {
		t.Run(fmt.Sprintf("published=%v", published), func(t *testing.T) {
			js := bustest.Start(t)
			ctx := context.Background()
			kv, err := js.KeyValue(ctx, event.BucketReleases)
			if err != nil {
				t.Fatal(err)
			}
			key := event.ReleaseKey("moonshot", "Kimi K2")
			dead := "https://dead.example/kimi"
			claimed := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339Nano)
			state := `{"first_seen":"` + claimed + `","announced":false,"announcer":"` + dead + `","claimed_at":"` + claimed + `","sources":null}`
			if _, err := kv.Create(ctx, key, []byte(state)); err != nil {
				t.Fatal(err)
			}
			if published {
				data, err := event.Encode(event.ReleaseEvent{Kind: event.KindRelease, Key: key, Vendor: "moonshot", Model: "Kimi K2", ArticleURL: dead})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := js.Publish(ctx, event.ReleaseSubject("moonshot", "Kimi K2"), data, jetstream.WithMsgID("release:"+key)); err != nil {
					t.Fatal(err)
				}
			}
			a, err := announce.NewReleaseAnnouncer(ctx, js, 0.5, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Announce(ctx, releaseArticle("https://live.example/kimi")); err != nil {
				t.Fatal(err)
			}
			evs := releaseEvents(t, js)
			want := []string{event.KindRelease}
			if published {
				want = append(want, event.KindCorroboration)
			}
			var got []string
			for _, ev := range evs {
				got = append(got, ev.Kind)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("events %v, want %v", got, want)
			}
			last := evs[len(evs)-1]
			if last.ArticleURL != "https://live.example/kimi" {
				t.Errorf("last event is about %s, want the live article", last.ArticleURL)
			}
			if published && len(last.Sources) != 2 {
				t.Errorf("corroboration sources %v, want the dead and the live article", last.Sources)
			}
			if announced, corroborated := a.Counts(); announced+corroborated != 1 {
				t.Errorf("counts %d announced + %d corroborated, want one event", announced, corroborated)
			}
		})
	}
}

// putState writes a mw_releases state as an older modelwire left it.
func putState(t *testing.T, js jetstream.JetStream, key string, announced bool, first time.Time, sources ...string) {
	t.Helper()
	ctx := context.Background()
	kv, err := js.KeyValue(ctx, event.BucketReleases)
	if err != nil {
		t.Fatal(err)
	}
	st := fmt.Sprintf(`{"first_seen":%q,"announced":%v,"announcer":%q,"sources":[%s]}`, first.Format(time.RFC3339), announced, sources[0], `"`+strings.Join(sources, `","`)+`"`)
	if _, err := kv.Put(ctx, key, []byte(st)); err != nil {
		t.Fatal(err)
	}
}

// getState reads a mw_releases state.
func getState(t *testing.T, js jetstream.JetStream, key string) (announced bool, first time.Time, sources []string) {
	t.Helper()
	kv, err := js.KeyValue(context.Background(), event.BucketReleases)
	if err != nil {
		t.Fatal(err)
	}
	e, err := kv.Get(context.Background(), key)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	var st struct {
		FirstSeen time.Time `json:"first_seen"`
		Announced bool      `json:"announced"`
		Sources   []string  `json:"sources"`
	}
	if err := json.Unmarshal(e.Value(), &st); err != nil {
		t.Fatal(err)
	}
	return st.Announced, st.FirstSeen, st.Sources
}

// TestReleaseAnnouncedUnderOlderKey: a release announced before entity
// resolution under its article's spelling ("alibaba.qwen-3") is not
// announced again under its canonical key; the new article corroborates
// it.
func TestReleaseAnnouncedUnderOlderKey(t *testing.T) {
	js := bustest.Start(t)
	ctx := context.Background()
	putState(t, js, "alibaba.qwen-3", true, time.Date(2025, 4, 29, 0, 0, 0, 0, time.UTC), "https://old.example/qwen")
	a, err := announce.NewReleaseAnnouncer(ctx, js, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	art := event.Article{
		ID: event.DocID("https://new.example/qwen3"), URL: "https://new.example/qwen3", Title: "Qwen 3 is out",
		Models:   []event.Model{{ID: "alibaba/qwen3", Name: "Qwen3", Vendor: "alibaba", Mentions: []string{"Qwen 3"}, Count: 1}},
		Releases: []event.Release{{Model: "Qwen3", ModelID: "alibaba/qwen3", Vendor: "alibaba", Confidence: 0.9, Evidence: "Alibaba released Qwen 3."}},
	}
	if err := a.Announce(ctx, art); err != nil {
		t.Fatal(err)
	}
	evs := releaseEvents(t, js)
	if len(evs) != 1 || evs[0].Kind != event.KindCorroboration || evs[0].Key != "alibaba.qwen3" || evs[0].ModelID != "alibaba/qwen3" {
		t.Fatalf("events = %+v, want one corroboration under alibaba.qwen3", evs)
	}
	if announced, _, sources := getState(t, js, "alibaba.qwen3"); !announced || len(sources) != 2 {
		t.Errorf("canonical key: announced %v, sources %v", announced, sources)
	}
	// A model never announced before is announced as usual.
	art.Releases[0].Model, art.Releases[0].ModelID, art.Models[0].ID, art.Models[0].Name = "Qwen3-Max", "alibaba/qwen3-max", "alibaba/qwen3-max", "Qwen3-Max"
	art.Models[0].Mentions = []string{"Qwen 3 Max"}
	if err := a.Announce(ctx, art); err != nil {
		t.Fatal(err)
	}
	if evs := releaseEvents(t, js); len(evs) != 2 || evs[1].Kind != event.KindRelease {
		t.Errorf("events = %+v, want a release of Qwen3-Max", evs)
	}
}

// TestMigrateReleaseKeys moves states to canonical keys, merging two
// spellings of one release.
func TestMigrateReleaseKeys(t *testing.T) {
	js := bustest.Start(t)
	t0 := time.Date(2025, 7, 28, 0, 0, 0, 0, time.UTC)
	putState(t, js, "zippu-ai.glm-4-5", true, t0, "https://a.example/glm")
	putState(t, js, "alibaba.qwen-3", true, t0, "https://a.example/q")
	putState(t, js, "alibaba.qwen3", false, t0.Add(time.Hour), "https://b.example/q")
	putState(t, js, "moonshot.kimi-k2", true, t0, "https://a.example/k")
	renames := map[string]string{"zippu-ai.glm-4-5": "zhipu.glm-4-5", "alibaba.qwen-3": "alibaba.qwen3", "moonshot.kimi-k2": "moonshot.kimi-k2"}
	moved, err := announce.MigrateReleaseKeys(context.Background(), js, func(k string) string { return renames[k] })
	if err != nil || moved != 2 {
		t.Fatalf("moved %d, %v; want 2", moved, err)
	}
	if announced, first, sources := getState(t, js, "zhipu.glm-4-5"); !announced || !first.Equal(t0) || len(sources) != 1 {
		t.Errorf("zhipu.glm-4-5: %v %v %v", announced, first, sources)
	}
	if announced, first, sources := getState(t, js, "alibaba.qwen3"); !announced || !first.Equal(t0) || len(sources) != 2 {
		t.Errorf("alibaba.qwen3: %v %v %v", announced, first, sources)
	}
	// Running it again moves the same states onto themselves: no change.
	if _, err := announce.MigrateReleaseKeys(context.Background(), js, func(k string) string { return renames[k] }); err != nil {
		t.Fatal(err)
	}
	if _, _, sources := getState(t, js, "alibaba.qwen3"); len(sources) != 2 {
		t.Errorf("after a second run: %v", sources)
	}
}

// TestReleaseOlderSpellingsInOtherScripts: spellings in other scripts
// ("큐웬3") slug to keys outside ASCII, stored in Punycode; the release is
// announced.
func TestReleaseOlderSpellingsInOtherScripts(t *testing.T) {
	js := bustest.Start(t)
	ctx := context.Background()
	a, err := announce.NewReleaseAnnouncer(ctx, js, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	art := event.Article{
		ID: event.DocID("https://ko.example/qwen3"), URL: "https://ko.example/qwen3",
		Vendors:  []event.Vendor{{ID: "alibaba", Name: "Alibaba", Mentions: []string{"알리바바"}, Count: 1}},
		Models:   []event.Model{{ID: "alibaba/qwen3", Name: "Qwen3", Vendor: "alibaba", Mentions: []string{"큐웬3"}, Count: 1}},
		Releases: []event.Release{{Model: "Qwen3", ModelID: "alibaba/qwen3", Vendor: "alibaba", Confidence: 0.9}},
	}
	if err := a.Announce(ctx, art); err != nil {
		t.Fatal(err)
	}
	if evs := releaseEvents(t, js); len(evs) != 1 || evs[0].Kind != event.KindRelease {
		t.Errorf("events = %+v", evs)
	}
}

// TestReleaseKeyOutsideASCII: a release whose key is outside ASCII (a
// model no catalog knows, named in Korean) is announced once, corroborated
// by a second article, and listed under its own key — the KV store admits
// only ASCII keys, and a refused key once left its page unacknowledged.
func TestReleaseKeyOutsideASCII(t *testing.T) {
	js := bustest.Start(t)
	ctx := context.Background()
	a, err := announce.NewReleaseAnnouncer(ctx, js, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	article := func(u string) event.Article {
		return event.Article{
			ID: event.DocID(u), URL: u,
			Vendors:  []event.Vendor{{ID: "한빛랩", Name: "한빛랩", Count: 1}},
			Models:   []event.Model{{ID: "한빛랩/바다-2", Name: "바다 2", Vendor: "한빛랩", Count: 1}},
			Releases: []event.Release{{Model: "바다 2", ModelID: "한빛랩/바다-2", Vendor: "한빛랩", Confidence: 0.9}},
		}
	}
	for _, u := range []string{"https://ko.example/bada-2", "https://news.example/bada-2"} {
		if err := a.Announce(ctx, article(u)); err != nil {
			t.Fatalf("announcing from %s: %v", u, err)
		}
	}
	evs := releaseEvents(t, js)
	if len(evs) != 2 || evs[0].Kind != event.KindRelease || evs[1].Kind != event.KindCorroboration {
		t.Fatalf("events = %+v, want a release and a corroboration", evs)
	}
	by, err := a.SourcesByArticle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := by["https://news.example/bada-2"]; len(got) != 1 || got[0] != "한빛랩.바다-2" {
		t.Errorf("keys of the second source = %q, want [한빛랩.바다-2]", got)
	}
}
