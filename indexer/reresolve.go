package indexer

import (
	"slices"

	"github.com/modelwire/modelwire/event"
)

// Renamer gives the names stored before entity resolution, or under an
// older catalog, their canonical identities. Reresolve rewrites indexed
// articles and release records with it; `modelwire catalog migrate` passes
// the analyzer's resolver.
type Renamer interface {
	// Model returns the canonical identity of a model stored by name, and
	// whether the catalog knows it; a name it does not know keeps its
	// spelling and stays a discovery.
	Model(name string) (id, canonical, vendor string, known bool)
	// Vendor returns the catalog id of a stored vendor id or name, or its
	// slug when the catalog knows none.
	Vendor(id string) string
}

// ReresolveStats counts what Reresolve read and rewrote.
type ReresolveStats struct {
	Articles        int `json:"articles"`
	ArticlesChanged int `json:"articles_changed"`
	Releases        int `json:"releases"`
	// ReleasesRenamed moved to a new key; ReleasesMerged of them joined a
	// record already stored under that key.
	ReleasesRenamed int `json:"releases_renamed"`
	ReleasesMerged  int `json:"releases_merged"`
}

// identity is the identity fields of an indexed article.
type identity struct {
	vendors, models, keys, ids, unknown []string
}

// reresolveArticle maps an article's stored vendors and model names to
// canonical ones.
func reresolveArticle(r Renamer, vendors, models []string) identity {
	var out identity
	addVendor := func(v string) {
		if v != "" && !slices.Contains(out.vendors, v) {
			out.vendors = append(out.vendors, v)
		}
	}
	for _, v := range vendors {
		addVendor(r.Vendor(v))
	}
	for _, name := range models {
		id, canonical, vendor, known := r.Model(name)
		if !known {
			canonical = name
		}
		if slices.Contains(out.models, canonical) {
			continue
		}
		out.models = append(out.models, canonical)
		out.keys = append(out.keys, modelKey(canonical))
		if known {
			out.ids = append(out.ids, id)
			addVendor(vendor)
		} else {
			out.unknown = append(out.unknown, canonical)
		}
	}
	for _, l := range []*[]string{&out.vendors, &out.models, &out.keys, &out.ids, &out.unknown} {
		if *l == nil {
			*l = []string{}
		}
	}
	return out
}

// reresolveRelease returns a release record under its canonical identity:
// model name, id, vendor and key.
func reresolveRelease(r Renamer, rec ReleaseRecord) ReleaseRecord {
	id, canonical, vendor, known := r.Model(rec.Model)
	if !known {
		canonical, vendor = rec.Model, r.Vendor(rec.Vendor)
		id = rec.ModelID
	}
	out := rec
	out.Model, out.ModelID = canonical, id
	out.Vendor = event.Slug(vendor)
	out.Key = event.ReleaseKey(vendor, canonical)
	out.Claims = slices.Clone(rec.Claims)
	for i, c := range out.Claims {
		if _, name, _, ok := r.Model(c.Model); ok {
			out.Claims[i].Model = name
		}
	}
	return out
}

// mergeRecords folds release record b into a (both of a's key): as if b's
// sightings had come as one event.
func mergeRecords(a, b ReleaseRecord) ReleaseRecord {
	return MergeRelease(a, event.ReleaseEvent{
		Key: a.Key, Vendor: a.Vendor, Model: a.Model, ModelID: b.ModelID,
		FirstSeen: b.FirstSeen, PublishedAt: b.PublishedAt, Confidence: b.Confidence,
		Evidence: b.Evidence, Title: b.Title, Sources: b.Sources, Claims: b.Claims,
	})
}

// sameStrings reports equal lists.
func sameStrings(a, b []string) bool {
	return slices.Equal(a, b)
}
