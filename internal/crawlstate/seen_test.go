package crawlstate_test

import (
	"context"
	"testing"
	"time"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/crawlstate"
)

func TestSeenStore(t *testing.T) {
	js := bustest.Start(t)
	ctx := context.Background()
	s, err := crawlstate.NewSeenStore(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	u := "https://news.example/2025/07/qwen.html"
	key := crawler.SeenKey(u)
	if _, ok, err := s.Get(ctx, key); ok || err != nil {
		t.Fatalf("unseen key: ok=%v err=%v", ok, err)
	}
	want := crawler.Record{URL: u, ETag: `"abc"`, LastModified: "Tue, 01 Jul 2025 08:00:00 GMT", ContentHash: event.Hash([]byte("x")),
		Status: 200, FetchedAt: time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC), Listed: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC),
		Canonical: "https://news.example/qwen", Revisit: true}
	if err := s.Put(ctx, key, want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Get(ctx, key)
	if err != nil || !ok {
		t.Fatalf("Get: ok=%v err=%v", ok, err)
	}
	if got != want {
		t.Errorf("Get = %+v, want %+v", got, want)
	}
	// Another store on the same bucket — another replica — sees it.
	other, err := crawlstate.NewSeenStore(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := other.Get(ctx, key); !ok || got.ETag != want.ETag {
		t.Errorf("other replica reads %+v, %v", got, ok)
	}
	// A value that is not a record is an error, not "unseen".
	kv, err := js.KeyValue(ctx, event.BucketSeen)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Put(ctx, "garbage", []byte("not json")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Get(ctx, "garbage"); err == nil {
		t.Error("garbage value decoded without error")
	}
}
