package config

import (
	"reflect"
	"slices"
	"time"
)

// Default returns the configuration of an empty file: every key at its
// default. With DefaultSource, DefaultHuggingFace and DefaultWebhook (the
// defaults of a list's entries) it is the one table of modelwire's
// defaults; WithDefaults and the README's table read them from here.
func Default() Config {
	return Config{
		DataDir: "data",
		NATS: NATS{
			Listen:   new("127.0.0.1:4222"),
			Replicas: 1,
		},
		HTTP: HTTP{Addr: new("127.0.0.1:8080")},
		Crawler: Crawler{
			UserAgent:     "modelwire/0.1 (+https://github.com/modelwire/modelwire)",
			Timeout:       30 * time.Second,
			MaxBodyBytes:  10 << 20,
			RecrawlAfter:  24 * time.Hour,
			MaxCrawlDelay: 10 * time.Second,
			MaxRetries:    2,
			MaxRedirects:  10,
			Chromium: Chromium{
				Tabs:        2,
				PageTimeout: 30 * time.Second,
				IdleWait:    5 * time.Second,
				MaxHeapMB:   512,
			},
		},
		Elasticsearch: Elasticsearch{IndexPrefix: "modelwire"},
		Archive: Archive{
			WARC:        new(true),
			MaxFileSize: 1 << 30, // 1 GiB, as Heritrix and the WARC standard's annex suggest
			MaxFileAge:  time.Hour,
		},
		Runtime: Runtime{
			// A page's DOM and an index batch are garbage within
			// milliseconds, so Go's own default (a cycle each time the
			// heap doubles, GOGC=100) ran often enough to cost about a
			// sixth of `modelwire run`'s CPU; letting the heap grow
			// five-fold halves that, and the soft limit keeps the process
			// well under half a gigabyte all the same.
			GCPercent:   400,
			MemoryLimit: "384MiB",
		},
	}
}

// DefaultSource returns the defaults of a source's keys.
func DefaultSource() Source {
	return Source{
		Delay:       new(time.Second),
		Parallelism: 2,
		Schedule:    "@every 30m",
		MaxPages:    1000,
	}
}

// DefaultHuggingFace returns the defaults of a source's huggingface keys.
func DefaultHuggingFace() HuggingFace {
	return HuggingFace{Endpoint: "https://huggingface.co", Limit: 50}
}

// DefaultWebhook returns the defaults of a webhook's keys.
func DefaultWebhook() Webhook {
	return Webhook{MaxAttempts: 5, Timeout: 10 * time.Second, Format: "json"}
}

// WithDefaults returns c with every unset key at its default: a key is
// unset when it holds its type's zero value, or, for the keys where an
// explicit zero means something (nats.listen, http.addr, archive.warc,
// sources[].delay), when it is absent.
func (c Config) WithDefaults() Config {
	fill(reflect.ValueOf(&c).Elem(), reflect.ValueOf(Default()))
	c.Sources = slices.Clone(c.Sources)
	for i := range c.Sources {
		s := &c.Sources[i]
		fill(reflect.ValueOf(s).Elem(), reflect.ValueOf(DefaultSource()))
		if s.HuggingFace != nil {
			hf := *s.HuggingFace
			fill(reflect.ValueOf(&hf).Elem(), reflect.ValueOf(DefaultHuggingFace()))
			s.HuggingFace = &hf
		}
	}
	c.Notify.Webhooks = slices.Clone(c.Notify.Webhooks)
	for i := range c.Notify.Webhooks {
		fill(reflect.ValueOf(&c.Notify.Webhooks[i]).Elem(), reflect.ValueOf(DefaultWebhook()))
	}
	return c
}

// fill sets every zero field of the struct dst to def's, within nested
// structs too; a nil pointer gets a pointer to a copy of def's value.
// Lists are left alone: their entries have defaults of their own.
func fill(dst, def reflect.Value) {
	for i := range dst.NumField() {
		f, d := dst.Field(i), def.Field(i)
		switch {
		case !f.CanSet():
		case f.Kind() == reflect.Struct:
			fill(f, d)
		case f.Kind() == reflect.Slice || !f.IsZero() || d.IsZero():
		case f.Kind() == reflect.Pointer:
			p := reflect.New(d.Type().Elem())
			p.Elem().Set(d.Elem())
			f.Set(p)
		default:
			f.Set(d)
		}
	}
}
